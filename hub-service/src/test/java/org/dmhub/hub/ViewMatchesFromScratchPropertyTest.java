package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.streams.test.TestRecord;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.testsupport.RegistryProcess;

/**
 * Random area trees (2 and 3 levels) and random interleavings of reports, corrections, stale revisions,
 * retractions and re-sent events, through the real topology: the final view and national aggregates must equal
 * a computation from scratch over the winning observations, to the last digit.
 */
class ViewMatchesFromScratchPropertyTest {

    private static final List<String> PERIODS = FromScratchView.PERIODS;
    private static final List<String> VALUES = List.of("0", "1", "-3.5", "2.25", "7", "0.000000000001",
            "1000000.000000000001", "12345678901234.5", "333.333333333333");
    private static final List<String> REPORTED = FromScratchView.REPORTED;

    private static RegistryProcess registry;

    @BeforeContainer
    static void startRegistry() {
        registry = RegistryProcess.startInTempDir();
    }

    @AfterContainer
    static void stopRegistry() {
        registry.close();
    }

    /** One send: indexes into the indicator, commune and period lists; value index -1 = RETRACTED. */
    record Send(int indicator, int unit, int period, int revision, int value) {
    }

    record Scenario(FromScratchView.Tree tree, List<Send> drafts, int duplicates, long shuffleSeed, List<Integer> pauses) {
    }

    @Provide
    Arbitrary<FromScratchView.Tree> trees() {
        Arbitrary<FromScratchView.Tree> twoLevels = Arbitraries.integers().between(1, 6).map(communes -> {
            List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
            for (int c = 1; c <= communes; c++) {
                areas.add(new AdminArea("C" + c, "Xã " + c, "COMMUNE", "P"));
            }
            return new FromScratchView.Tree(areas);
        });
        Arbitrary<FromScratchView.Tree> threeLevels = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3).map(districts -> {
            List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
            for (int d = 0; d < districts.size(); d++) {
                areas.add(new AdminArea("D" + d, "Huyện " + d, "DISTRICT", "P"));
                for (int c = 0; c < districts.get(d); c++) {
                    areas.add(new AdminArea("C" + d + "_" + c, "Xã " + d + "." + c, "COMMUNE", "D" + d));
                }
            }
            return new FromScratchView.Tree(areas);
        });
        return Arbitraries.oneOf(twoLevels, threeLevels);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Send> sends = Combinators.combine(
                Arbitraries.integers().between(0, REPORTED.size() - 1),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, PERIODS.size() - 1),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(-1, VALUES.size() - 1)).as(Send::new);
        return Combinators.combine(trees(), sends.list().ofMinSize(1).ofMaxSize(60), Arbitraries.integers().between(0, 15),
                Arbitraries.longs(), Arbitraries.integers().between(0, 80).list().ofMaxSize(4)).as(Scenario::new);
    }

    @Property(tries = 60)
    void finalViewEqualsFromScratchComputation(@ForAll("scenarios") Scenario scenario) throws Exception {
        FromScratchView.Tree tree = scenario.tree();
        List<String> communes = tree.communes();
        // one content per key and revision (same revision, other content is a conflict: tested on its own)
        Map<String, IndicatorObservation> byKeyAndRevision = new LinkedHashMap<>();
        for (Send send : scenario.drafts()) {
            String indicator = REPORTED.get(send.indicator());
            String unit = communes.get(send.unit() % communes.size());
            String period = PERIODS.get(send.period());
            String value = send.value() < 0 ? null : VALUES.get(send.value());
            byKeyAndRevision.putIfAbsent(indicator + "|" + unit + "|" + period + "#" + send.revision(),
                    HubTopologyDriver.observation(FromScratchView.ownerOf(indicator), indicator, unit, period, value, "u",
                            send.revision()));
        }
        List<IndicatorObservation> arrivals = new ArrayList<>(byKeyAndRevision.values());
        Random random = new Random(scenario.shuffleSeed());
        for (int i = 0; i < scenario.duplicates(); i++) {
            arrivals.add(arrivals.get(random.nextInt(arrivals.size())));
        }
        Collections.shuffle(arrivals, random);

        try (HubTopologyDriver hub = new HubTopologyDriver(registry.baseUrl())) {
            hub.publishCatalog(FromScratchView.DEPARTMENTS, tree.areas(), FromScratchView.catalog());
            for (int i = 0; i < arrivals.size(); i++) {
                hub.publish(arrivals.get(i));
                if (scenario.pauses().contains(i)) {
                    hub.letRollupsRun();
                }
            }
            hub.letRollupsRun();

            List<TestRecord<String, AreaValue>> viewRecords = hub.viewRecords();
            Map<String, FromScratchView.Expected> expected = FromScratchView.compute(tree, new ArrayList<>(byKeyAndRevision.values()));
            Map<String, AreaValue> view = HubTopologyDriver.latest(viewRecords);

            assertThat(view.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, want) -> {
                AreaValue got = view.get(key);
                assertThat(got.getValue()).as(key + " value").isEqualTo(want.value());
                assertThat(got.getContributing()).as(key + " contributing").isEqualTo(want.contributing());
                assertThat(got.getExpected()).as(key + " expected").isEqualTo(want.expected());
                assertThat(got.getCompleteness()).as(key + " completeness").isEqualTo(
                        BigDecimal.valueOf(want.contributing()).divide(BigDecimal.valueOf(want.expected()), 12, RoundingMode.HALF_EVEN));
            });
            assertRevisionsCountEveryChange(viewRecords);

            Map<String, NationalAggregate> national = HubTopologyDriver.latest(hub.nationalRecords());
            Set<String> provinceKeysOfNationalIndicators = new HashSet<>();
            expected.keySet().stream().filter(key -> key.split("\\|")[1].equals("P"))
                    .filter(key -> key.startsWith("SUM-1|") || key.startsWith("RAT|"))
                    .forEach(provinceKeysOfNationalIndicators::add);
            assertThat(national.keySet()).isEqualTo(provinceKeysOfNationalIndicators);
            national.forEach((key, aggregate) -> {
                assertThat(aggregate.getValue()).as(key).isEqualTo(expected.get(key).value());
                assertThat(aggregate.getRevision()).as(key).isEqualTo(view.get(key).getRevision());
            });
        }
    }

    private static void assertRevisionsCountEveryChange(List<TestRecord<String, AreaValue>> records) {
        Map<String, AreaValue> previous = new HashMap<>();
        for (TestRecord<String, AreaValue> record : records) {
            AreaValue last = previous.put(record.key(), record.value());
            long wanted = last == null ? 1 : last.getRevision() + 1;
            assertThat(record.value().getRevision()).as(record.key() + " revision").isEqualTo(wanted);
            if (last != null) {
                boolean sameValue = last.getValue() == null ? record.value().getValue() == null
                        : last.getValue().equals(record.value().getValue());
                assertThat(sameValue && last.getContributing() == record.value().getContributing()
                        && last.getExpected() == record.value().getExpected())
                        .as(record.key() + " was republished without a change").isFalse();
            }
        }
    }

}
