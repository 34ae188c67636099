package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.streams.test.TestRecord;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.testsupport.RegistryProcess;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @BeforeAll
    static void startRegistry() {
        registry = RegistryProcess.startInTempDir();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    /** One send: indexes into the indicator, commune and period lists; value index -1 = RETRACTED. */
    record Send(int indicator, int unit, int period, int revision, int value) {
    }

    /**
     * @param pauses after which arrivals time passes: the emits of a hub that keeps up, or a single emit interval
     *     through a backlog (where what changed since the emit before is held back)
     * @param backlog whether the observations were sent an hour before the hub reads them (a rebuild, a catch-up)
     */
    record Scenario(FromScratchView.Tree tree, List<Send> drafts, int duplicates, long shuffleSeed, List<Integer> pauses,
            boolean backlog) {
    }

    /** A province over 1 to 6 communes, or over 1 to 3 districts of 1 to 4 communes each. */
    private static FromScratchView.Tree tree(Draw draw) {
        List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
        if (draw.bool()) {
            int communes = draw.intBetween(1, 6);
            for (int c = 1; c <= communes; c++) {
                areas.add(new AdminArea("C" + c, "Xã " + c, "COMMUNE", "P"));
            }
        } else {
            List<Integer> districts = draw.listOf(1, 3, district -> district.intBetween(1, 4));
            for (int d = 0; d < districts.size(); d++) {
                areas.add(new AdminArea("D" + d, "Huyện " + d, "DISTRICT", "P"));
                for (int c = 0; c < districts.get(d); c++) {
                    areas.add(new AdminArea("C" + d + "_" + c, "Xã " + d + "." + c, "COMMUNE", "D" + d));
                }
            }
        }
        return new FromScratchView.Tree(areas);
    }

    private static Send send(Draw draw) {
        return new Send(draw.intBetween(0, REPORTED.size() - 1), draw.intBetween(0, 5), draw.intBetween(0, PERIODS.size() - 1),
                draw.intBetween(1, 4), draw.intBetween(-1, VALUES.size() - 1));
    }

    private static Scenario scenario(Draw draw) {
        return new Scenario(draw.compose(ViewMatchesFromScratchPropertyTest::tree),
                draw.listOf(1, 60, ViewMatchesFromScratchPropertyTest::send), draw.intBetween(0, 15),
                draw.longBetween(Long.MIN_VALUE, Long.MAX_VALUE), draw.listOf(0, 4, pause -> pause.intBetween(0, 80)),
                draw.bool());
    }

    @Test
    void finalViewEqualsFromScratchComputation() {
        Property.forAll(60, draw -> finalViewEqualsFromScratchComputation(draw.compose(ViewMatchesFromScratchPropertyTest::scenario)));
    }

    private void finalViewEqualsFromScratchComputation(Scenario scenario) throws Exception {
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
            Instant backlogStart = HubTopologyDriver.WALL_CLOCK_START.minus(Duration.ofHours(1));
            for (int i = 0; i < arrivals.size(); i++) {
                if (scenario.backlog()) {
                    hub.publish(arrivals.get(i), backlogStart.plusMillis(i));
                } else {
                    hub.publish(arrivals.get(i));
                }
                if (scenario.pauses().contains(i)) {
                    if (scenario.backlog()) {
                        hub.letOneEmitPass();
                    } else {
                        hub.letRollupsRun();
                    }
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
