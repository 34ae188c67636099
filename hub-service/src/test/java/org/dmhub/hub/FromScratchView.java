package org.dmhub.hub;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.Periodicity;

/**
 * A test framework with one indicator of every rule, and the view it must produce computed from scratch, written
 * independently of the hub's code: per key the highest revision wins, then each rule over each area's units; and
 * the months' quarter, half-year and year, over each unit's months first.
 */
final class FromScratchView {

    static final List<String> PERIODS = List.of("2026-01", "2026-02");
    /** The spans both months are rolled up over, with the months each holds. */
    static final Map<String, Integer> SPANS = Map.of("2026-Q1", 3, "2026-S1", 6, "2026", 12);
    static final List<String> REPORTED = List.of("SUM-1", "AVG-1", "MIN-1", "MAX-1", "NONE-1", "POP", "WAVG", "NUM", "DEN");
    static final Map<String, String> OWNER = Map.of("NUM", "D2", "DEN", "D2");
    static final List<Department> DEPARTMENTS = List.of(new Department("D1", "Sở một"), new Department("D2", "Sở hai"));

    private FromScratchView() {
    }

    static String ownerOf(String indicator) {
        return OWNER.getOrDefault(indicator, "D1");
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

    record Expected(BigDecimal value, int contributing, int expected) {
    }

    /** The view, computed from scratch: per key the highest revision wins; then each rule over each area's units. */
    static Map<String, Expected> compute(Tree tree, List<IndicatorObservation> sent) {
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
                    view.put(target + "|" + area + "|" + period, rollUp(target, subtree, period, winners));
                }
            }
        }
        for (Map.Entry<String, Integer> span : SPANS.entrySet()) {
            for (String target : List.of("SUM-1", "AVG-1", "MIN-1", "MAX-1", "POP", "NUM", "DEN", "WAVG", "RAT")) {
                List<String> inputs = switch (target) {
                    case "WAVG" -> List.of("WAVG", "POP");
                    case "RAT" -> List.of("NUM", "DEN");
                    default -> List.of(target);
                };
                Set<String> units = new HashSet<>();
                for (String commune : tree.communes()) {
                    for (String input : inputs) {
                        for (String period : PERIODS) {
                            if (winners.containsKey(input + "|" + commune + "|" + period)) {
                                units.add(commune);
                            }
                        }
                    }
                }
                Set<String> areas = new HashSet<>();
                units.forEach(unit -> areas.addAll(tree.ancestorsOrSelf(unit)));
                for (String area : areas) {
                    view.put(target + "|" + area + "|" + span.getKey(),
                            overTime(target, tree.communesUnder(area), span.getValue(), winners));
                }
            }
        }
        return view;
    }

    /**
     * A span's value from its months: per unit over its months by the indicator's rule over time (SUM for flows,
     * AVERAGE, MIN and MAX as the indicator's own rule), then across units; RATIO and WEIGHTED_AVERAGE from the sums of
     * their components over every unit-month having both. Every division done once, exactly, then rounded.
     */
    private static Expected overTime(String target, List<String> units, int periodsInSpan, Map<String, IndicatorObservation> winners) {
        int contributing = 0;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal companionSum = BigDecimal.ZERO;
        BigDecimal extreme = null;
        // AVG-1: twice the sum of the unit means (exact: a unit has 1 or 2 months), over twice the number of units
        BigDecimal twiceSumOfMeans = BigDecimal.ZERO;
        int unitsWithData = 0;
        for (String unit : units) {
            BigDecimal unitSum = BigDecimal.ZERO;
            int unitMonths = 0;
            for (String period : PERIODS) {
                BigDecimal value = valueOf(winners, target.equals("RAT") ? "NUM" : target, unit, period);
                BigDecimal companion = switch (target) {
                    case "RAT" -> valueOf(winners, "DEN", unit, period);
                    case "WAVG" -> valueOf(winners, "POP", unit, period);
                    default -> null;
                };
                boolean needsCompanion = target.equals("RAT") || target.equals("WAVG");
                if (value == null || (needsCompanion && companion == null)) {
                    continue;
                }
                contributing++;
                unitMonths++;
                unitSum = unitSum.add(value);
                sum = sum.add(target.equals("WAVG") ? value.multiply(companion) : value);
                if (needsCompanion) {
                    companionSum = companionSum.add(companion);
                }
                if (extreme == null || (target.equals("MIN-1") ? value.compareTo(extreme) < 0 : value.compareTo(extreme) > 0)) {
                    extreme = value;
                }
            }
            if (unitMonths > 0) {
                unitsWithData++;
                twiceSumOfMeans = twiceSumOfMeans.add(unitSum.multiply(BigDecimal.valueOf(2 / unitMonths)));
            }
        }
        BigDecimal result = null;
        if (contributing > 0) {
            result = switch (target) {
                case "SUM-1", "POP", "NUM", "DEN" -> sum.setScale(12);
                case "AVG-1" -> twiceSumOfMeans.divide(BigDecimal.valueOf(2L * unitsWithData), 12, RoundingMode.HALF_EVEN);
                case "MIN-1", "MAX-1" -> extreme.setScale(12);
                case "WAVG" -> companionSum.signum() == 0 ? null : sum.divide(companionSum, 12, RoundingMode.HALF_EVEN);
                case "RAT" -> companionSum.signum() == 0 ? null
                        : new BigDecimal(100).multiply(sum).divide(companionSum, 12, RoundingMode.HALF_EVEN);
                default -> throw new IllegalStateException(target);
            };
        }
        if (result != null && result.precision() - result.scale() > 26) {
            result = null;
        }
        return new Expected(result, contributing, units.size() * periodsInSpan);
    }

    private static Expected rollUp(String target, List<String> units, String period, Map<String, IndicatorObservation> winners) {
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
        // more than 26 integer digits cannot travel as decimal(38,12): published without a value
        if (result != null && result.precision() - result.scale() > 26) {
            result = null;
        }
        return new Expected(result, n, units.size());
    }

    private static BigDecimal valueOf(Map<String, IndicatorObservation> winners, String indicator, String unit, String period) {
        IndicatorObservation winner = winners.get(indicator + "|" + unit + "|" + period);
        return winner == null ? null : winner.getValue();
    }

    static List<IndicatorDefinition> catalog() {
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
