package org.dmhub.hub.aggregation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.period.Period;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.OverTime;
import org.dmhub.validation.Decimals;

/**
 * Rolls an indicator up over a span of periods (a quarter, a half-year, a year) and then up the area tree: over time
 * per reporting unit first, by the indicator's {@link OverTime} rule ({@code overTime} in the framework), then across the units of each area by the
 * indicator's own rule (as DHIS2 does). A RATIO is factor·Σnumerator/Σdenominator over every unit-period of the
 * subtree having both — never an average of monthly ratios — and a WEIGHTED_AVERAGE Σ(w·v)/Σw likewise.
 *
 * <p>{@code expected} is the area's reporting units times the periods of the span; {@code contributing} the
 * unit-periods whose data enter the value. For LAST one period of each unit enters it (its latest with a value), so
 * {@code expected} is the area's reporting units and {@code contributing} those with a value in the span: a stock
 * reported by every unit is complete. Sums, MIN,
 * MAX and LAST are exact; each divided result is computed from exact sums and rounded once, half-even to 12 places.
 */
public final class TemporalRollup {

    private TemporalRollup() {
    }

    /**
     * The indicator's rule over time: the framework's, or when it names none SUM for SUM indicators and the
     * aggregation itself for AVERAGE, MIN, MAX and NONE. RATIO and WEIGHTED_AVERAGE indicators have none of their own
     * (null): they are recomputed from their components' sums.
     */
    public static OverTime overTimeOf(IndicatorDefinition indicator) {
        if (indicator.getOverTime() != null) {
            return indicator.getOverTime();
        }
        return switch (indicator.getAggregation()) {
            case SUM -> OverTime.SUM;
            case AVERAGE -> OverTime.AVERAGE;
            case MIN -> OverTime.MIN;
            case MAX -> OverTime.MAX;
            case NONE -> OverTime.NONE;
            case RATIO, WEIGHTED_AVERAGE -> null;
        };
    }

    /**
     * @param rule the indicator's aggregation rule (across areas)
     * @param overTime the indicator's rule over time ({@link #overTimeOf}; ignored for RATIO and WEIGHTED_AVERAGE)
     * @param factor the RATIO multiplier (ignored for other rules)
     * @param periodsInSpan how many periods of the indicator's periodicity the span has (3 months in a quarter)
     * @param inputs by reporting unit, what it contributes in each period of the span that it reported
     * @return the value of every area with a unit of {@code inputs} in its subtree (null when none of their periods has
     *     data); empty for {@link OverTime#NONE}
     */
    public static Map<String, AreaResult> compute(Aggregation rule, OverTime overTime, BigDecimal factor, AreaTree tree,
            String unitLevel, int periodsInSpan, Map<String, NavigableMap<Period, UnitInput>> inputs) {
        boolean fromComponents = rule == Aggregation.RATIO || rule == Aggregation.WEIGHTED_AVERAGE;
        if (overTime == OverTime.NONE && !fromComponents) {
            return Map.of();
        }
        Map<String, Across> areas = new HashMap<>();
        inputs.forEach((unit, periods) -> {
            Over over = fromComponents ? components(rule, periods) : overTime(overTime, periods);
            // a unit whose every period was retracted still puts its areas in the result, without a value: so a
            // value once published is withdrawn, as the roll-up over areas does
            for (String area : Rollup.areasCounting(rule, tree, unit)) {
                areas.computeIfAbsent(area, any -> new Across(rule)).add(over);
            }
        });
        Map<String, AreaResult> results = new HashMap<>();
        areas.forEach((area, across) -> results.put(area, new AreaResult(across.value(factor), across.contributing,
                Rollup.unitsOf(rule, tree, area, unitLevel) * (overTime == OverTime.LAST && !fromComponents ? 1 : periodsInSpan))));
        return results;
    }

    /**
     * One unit over the span: its value as an exact fraction (for an AVERAGE over time, the sum of its periods over
     * their count; otherwise over 1), or its components' sums, and how many of its periods entered it.
     */
    private record Over(BigDecimal value, long denominator, BigDecimal companion, int contributing) {
    }

    private static Over overTime(OverTime overTime, NavigableMap<Period, UnitInput> periods) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal extreme = null;
        BigDecimal last = null;
        int contributing = 0;
        for (UnitInput input : periods.values()) {
            BigDecimal value = input.value();
            if (value == null) {
                continue;
            }
            contributing++;
            sum = sum.add(value);
            last = value;
            if (extreme == null || (overTime == OverTime.MIN ? value.compareTo(extreme) < 0 : value.compareTo(extreme) > 0)) {
                extreme = value;
            }
        }
        if (contributing == 0) {
            return new Over(null, 1, null, 0);
        }
        return switch (overTime) {
            case SUM -> new Over(sum, 1, null, contributing);
            case AVERAGE -> new Over(sum, contributing, null, contributing);
            case MIN, MAX -> new Over(extreme, 1, null, contributing);
            case LAST -> new Over(last, 1, null, 1);
            case NONE -> throw new IllegalArgumentException("NONE is not rolled up over time");
        };
    }

    /** A RATIO's Σnumerator and Σdenominator, or a WEIGHTED_AVERAGE's Σ(w·v) and Σw, over the unit-periods having both. */
    private static Over components(Aggregation rule, NavigableMap<Period, UnitInput> periods) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal companionSum = BigDecimal.ZERO;
        int contributing = 0;
        for (UnitInput input : periods.values()) {
            if (input.value() == null || input.companion() == null) {
                continue;
            }
            sum = sum.add(rule == Aggregation.RATIO ? input.value() : input.value().multiply(input.companion()));
            companionSum = companionSum.add(input.companion());
            contributing++;
        }
        return new Over(sum, 1, companionSum, contributing);
    }

    /**
     * The units of one area, combined by the indicator's own rule, in exact arithmetic: the units' fractions are brought
     * to a common denominator (the least common multiple of their period counts) and the one division is the last step.
     */
    private static final class Across {
        private final Aggregation rule;
        private final List<Over> units = new ArrayList<>();
        private int contributing;

        Across(Aggregation rule) {
            this.rule = rule;
        }

        void add(Over over) {
            if (over.contributing == 0) {
                return;
            }
            units.add(over);
            contributing += over.contributing;
        }

        BigDecimal value(BigDecimal factor) {
            if (units.isEmpty()) {
                return null;
            }
            BigDecimal value = switch (rule) {
                case SUM, NONE -> sumOfFractions(BigDecimal.ONE);
                case AVERAGE -> sumOfFractions(BigDecimal.valueOf(units.size()));
                case MIN, MAX -> extreme();
                case RATIO -> divided(factor.multiply(sum(Over::value)), sum(Over::companion));
                case WEIGHTED_AVERAGE -> divided(sum(Over::value), sum(Over::companion));
            };
            // a sum of huge values may not fit the wire's decimal(38,12): such an area has no value rather than a wrong one
            return value == null || Decimals.exceedsPrecision(value) ? null : value;
        }

        /** Σ value/denominator over the units, divided by {@code count}: one division, rounded once. */
        private BigDecimal sumOfFractions(BigDecimal count) {
            BigInteger common = BigInteger.ONE;
            for (Over unit : units) {
                BigInteger denominator = BigInteger.valueOf(unit.denominator);
                common = common.divide(common.gcd(denominator)).multiply(denominator);
            }
            BigDecimal numerator = BigDecimal.ZERO;
            for (Over unit : units) {
                numerator = numerator.add(unit.value.multiply(new BigDecimal(common.divide(BigInteger.valueOf(unit.denominator)))));
            }
            return divided(numerator, count.multiply(new BigDecimal(common)));
        }

        /** The least or greatest of the units' fractions, compared exactly (a·d against c·b). */
        private BigDecimal extreme() {
            Over extreme = null;
            for (Over unit : units) {
                if (extreme == null) {
                    extreme = unit;
                    continue;
                }
                int order = unit.value.multiply(BigDecimal.valueOf(extreme.denominator))
                        .compareTo(extreme.value.multiply(BigDecimal.valueOf(unit.denominator)));
                if (rule == Aggregation.MIN ? order < 0 : order > 0) {
                    extreme = unit;
                }
            }
            return divided(extreme.value, BigDecimal.valueOf(extreme.denominator));
        }

        private BigDecimal sum(Function<Over, BigDecimal> part) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Over unit : units) {
                sum = sum.add(part.apply(unit));
            }
            return sum;
        }

        /** dividend / divisor rounded half-even to 12 places; none when the divisor is 0. */
        private static BigDecimal divided(BigDecimal dividend, BigDecimal divisor) {
            if (divisor.signum() == 0) {
                return null;
            }
            return divisor.compareTo(BigDecimal.ONE) == 0 ? dividend.setScale(Decimals.SCALE, Decimals.ROUNDING)
                    : dividend.divide(divisor, Decimals.SCALE, Decimals.ROUNDING);
        }
    }
}
