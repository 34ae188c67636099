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
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.Periodicity;
import org.dmhub.testsupport.RegistryProcess;

/**
 * Random area trees (2 and 3 levels) and random interleavings of reports, corrections, stale revisions,
 * retractions and re-sent events, through the real topology: the final view and national aggregates must equal
 * a computation from scratch over the winning observations, to the last digit.
 */
class ViewMatchesFromScratchProperties {

    private static final List<String> PERIODS = List.of("2026-01", "2026-02");
    private static final List<String> VALUES = List.of("0", "1", "-3.5", "2.25", "7", "0.000000000001",
            "1000000.000000000001", "12345678901234.5", "333.333333333333");
    private static final List<String> REPORTED = List.of("SUM-1", "AVG-1", "MIN-1", "MAX-1", "NONE-1", "POP", "WAVG", "NUM", "DEN");
    private static final Map<String, String> OWNER = Map.of("NUM", "D2", "DEN", "D2");

    private static RegistryProcess registry;

    @BeforeContainer
    static void startRegistry() {
        registry = RegistryProcess.startInTempDir();
    }

    @AfterContainer
    static void stopRegistry() {
        registry.close();
    }

    record Tree(List<AdminArea> areas) {
        List<String> communes() {
            return areas.stream().filter(area -> area.getLevel().equals("COMMUNE")).map(AdminArea::getCode).toList();
        }

        String parentOf(String code) {
            return areas.stream().filter(area -> area.getCode().equals(code)).findFirst().orElseThrow().getParentCode();
        }

        List<String> ancestorsOrSelf(String code) {
            List<String> chain = new ArrayList<>();
            for (String current = code; current != null; current = parentOf(current)) {
                chain.add(current);
            }
            return chain;
        }

        List<String> communesUnder(String area) {
            return communes().stream().filter(commune -> ancestorsOrSelf(commune).contains(area)).toList();
        }
    }

    /** One send: indexes into the indicator, commune and period lists; value index -1 = RETRACTED. */
    record Send(int indicator, int unit, int period, int revision, int value) {
    }

    record Scenario(Tree tree, List<Send> drafts, int duplicates, long shuffleSeed, List<Integer> pauses) {
    }

    @Provide
    Arbitrary<Tree> trees() {
        Arbitrary<Tree> twoLevels = Arbitraries.integers().between(1, 6).map(communes -> {
            List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
            for (int c = 1; c <= communes; c++) {
                areas.add(new AdminArea("C" + c, "Xã " + c, "COMMUNE", "P"));
            }
            return new Tree(areas);
        });
        Arbitrary<Tree> threeLevels = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3).map(districts -> {
            List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
            for (int d = 0; d < districts.size(); d++) {
                areas.add(new AdminArea("D" + d, "Huyện " + d, "DISTRICT", "P"));
                for (int c = 0; c < districts.get(d); c++) {
                    areas.add(new AdminArea("C" + d + "_" + c, "Xã " + d + "." + c, "COMMUNE", "D" + d));
                }
            }
            return new Tree(areas);
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
        Tree tree = scenario.tree();
        List<String> communes = tree.communes();
        // one content per key and revision (same revision, other content is a conflict: tested on its own)
        Map<String, IndicatorObservation> byKeyAndRevision = new LinkedHashMap<>();
        for (Send send : scenario.drafts()) {
            String indicator = REPORTED.get(send.indicator());
            String unit = communes.get(send.unit() % communes.size());
            String period = PERIODS.get(send.period());
            String value = send.value() < 0 ? null : VALUES.get(send.value());
            byKeyAndRevision.putIfAbsent(indicator + "|" + unit + "|" + period + "#" + send.revision(),
                    HubTopologyDriver.observation(OWNER.getOrDefault(indicator, "D1"), indicator, unit, period, value, "u",
                            send.revision()));
        }
        List<IndicatorObservation> arrivals = new ArrayList<>(byKeyAndRevision.values());
        Random random = new Random(scenario.shuffleSeed());
        for (int i = 0; i < scenario.duplicates(); i++) {
            arrivals.add(arrivals.get(random.nextInt(arrivals.size())));
        }
        Collections.shuffle(arrivals, random);

        try (HubTopologyDriver hub = new HubTopologyDriver(registry.baseUrl())) {
            hub.publishCatalog(List.of(new Department("D1", "Sở một"), new Department("D2", "Sở hai")), tree.areas(), catalog());
            for (int i = 0; i < arrivals.size(); i++) {
                hub.publish(arrivals.get(i));
                if (scenario.pauses().contains(i)) {
                    hub.letRollupsRun();
                }
            }
            hub.letRollupsRun();

            List<TestRecord<String, AreaValue>> viewRecords = hub.viewRecords();
            Map<String, Expected> expected = fromScratch(tree, new ArrayList<>(byKeyAndRevision.values()));
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

    record Expected(BigDecimal value, int contributing, int expected) {
    }

    /** The view, computed from scratch: per key the highest revision wins; then each rule over each area's units. */
    private static Map<String, Expected> fromScratch(Tree tree, List<IndicatorObservation> sent) {
        Map<String, IndicatorObservation> winners = new HashMap<>();
        for (IndicatorObservation observation : sent) {
            winners.merge(observation.getIndicator() + "|" + observation.getArea() + "|" + observation.getPeriod(), observation,
                    (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        Map<String, Expected> view = new HashMap<>();
        for (String period : PERIODS) {
            for (String target : List.of("SUM-1", "AVG-1", "MIN-1", "MAX-1", "NONE-1", "POP", "NUM", "DEN", "WAVG", "RAT")) {
                List<String> inputs = switch (target) {
                    case "WAVG" -> List.of("WAVG", "POP");
                    case "RAT" -> List.of("NUM", "DEN");
                    default -> List.of(target);
                };
                Set<String> units = new HashSet<>();
                for (String commune : tree.communes()) {
                    for (String input : inputs) {
                        if (winners.containsKey(input + "|" + commune + "|" + period)) {
                            units.add(commune);
                        }
                    }
                }
                Set<String> areas = new HashSet<>();
                units.forEach(unit -> areas.addAll(target.equals("NONE-1") ? List.of(unit) : tree.ancestorsOrSelf(unit)));
                for (String area : areas) {
                    List<String> subtree = target.equals("NONE-1") ? List.of(area) : tree.communesUnder(area);
                    view.put(target + "|" + area + "|" + period, compute(target, subtree, period, winners));
                }
            }
        }
        return view;
    }

    private static Expected compute(String target, List<String> units, String period, Map<String, IndicatorObservation> winners) {
        List<BigDecimal> values = new ArrayList<>();
        List<BigDecimal> companions = new ArrayList<>();
        for (String unit : units) {
            BigDecimal value = valueOf(winners, switch (target) {
                case "RAT" -> "NUM";
                default -> target;
            }, unit, period);
            BigDecimal companion = switch (target) {
                case "RAT" -> valueOf(winners, "DEN", unit, period);
                case "WAVG" -> valueOf(winners, "POP", unit, period);
                default -> null;
            };
            boolean needsCompanion = target.equals("RAT") || target.equals("WAVG");
            if (value != null && (!needsCompanion || companion != null)) {
                values.add(value);
                companions.add(companion);
            }
        }
        int n = values.size();
        BigDecimal result = null;
        if (n > 0) {
            BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            result = switch (target) {
                case "SUM-1", "POP", "NUM", "DEN", "NONE-1" -> sum.setScale(12);
                case "AVG-1" -> sum.divide(BigDecimal.valueOf(n), 12, RoundingMode.HALF_EVEN);
                case "MIN-1" -> Collections.min(values).setScale(12);
                case "MAX-1" -> Collections.max(values).setScale(12);
                case "WAVG" -> {
                    BigDecimal weights = companions.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal weighted = BigDecimal.ZERO;
                    for (int i = 0; i < n; i++) {
                        weighted = weighted.add(values.get(i).multiply(companions.get(i)));
                    }
                    yield weights.signum() == 0 ? null : weighted.divide(weights, 12, RoundingMode.HALF_EVEN);
                }
                case "RAT" -> {
                    BigDecimal denominators = companions.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    yield denominators.signum() == 0 ? null
                            : new BigDecimal(100).multiply(sum).divide(denominators, 12, RoundingMode.HALF_EVEN);
                }
                default -> throw new IllegalStateException(target);
            };
        }
        return new Expected(result, n, units.size());
    }

    private static BigDecimal valueOf(Map<String, IndicatorObservation> winners, String indicator, String unit, String period) {
        IndicatorObservation winner = winners.get(indicator + "|" + unit + "|" + period);
        return winner == null ? null : winner.getValue();
    }

    private static List<IndicatorDefinition> catalog() {
        return List.of(
                indicator("SUM-1", Aggregation.SUM, "D1").setNationalCode("QG-1").build(),
                indicator("AVG-1", Aggregation.AVERAGE, "D1").build(),
                indicator("MIN-1", Aggregation.MIN, "D1").build(),
                indicator("MAX-1", Aggregation.MAX, "D1").build(),
                indicator("NONE-1", Aggregation.NONE, "D1").build(),
                indicator("POP", Aggregation.SUM, "D1").build(),
                indicator("WAVG", Aggregation.WEIGHTED_AVERAGE, "D1").setWeight("POP").build(),
                indicator("NUM", Aggregation.SUM, "D2").build(),
                indicator("DEN", Aggregation.SUM, "D2").build(),
                indicator("RAT", Aggregation.RATIO, "D2").setReportingLevel(null).setNumerator("NUM").setDenominator("DEN")
                        .setFactor(new BigDecimal("100").setScale(12)).setNationalCode("QG-R").build());
    }

    static IndicatorDefinition.Builder indicator(String code, Aggregation aggregation, String owner) {
        return IndicatorDefinition.newBuilder()
                .setCode(code)
                .setName("Chỉ tiêu " + code)
                .setUnit("u")
                .setPeriodicity(Periodicity.MONTHLY)
                .setAggregation(aggregation)
                .setReportingLevel("COMMUNE")
                .setOwner(owner)
                .setKind(IndicatorKind.OPERATIONAL);
    }

}
