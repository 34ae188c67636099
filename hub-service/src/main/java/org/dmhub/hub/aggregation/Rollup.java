package org.dmhub.hub.aggregation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.schemas.Aggregation;
import org.dmhub.validation.Decimals;

/**
 * Rolls reporting units' values up the area hierarchy by an indicator's rule. Every area's value is computed from
 * the units in its subtree, never from its children's results: an average is the mean over units (not a mean of
 * child means) and a ratio is factor·Σnumerator/Σdenominator at every level (not an average of child ratios).
 * SUM, MIN, MAX and NONE are exact; divided results are rounded half-even to 12 decimal places. A result with more
 * than 26 integer digits does not fit {@code decimal(38,12)}: the area then has no value.
 */
public final class Rollup {

    private Rollup() {
    }

    /**
     * The value of every area that has at least one of the given units in its subtree.
     *
     * @param rule the indicator's aggregation rule
     * @param factor the RATIO multiplier (ignored for other rules)
     * @param unitLevel the level of the reporting units
     * @param inputs each unit that ever reported, with what it contributes now
     */
    public static Map<String, AreaResult> compute(Aggregation rule, BigDecimal factor, AreaTree tree, String unitLevel,
            Map<String, UnitInput> inputs) {
        Map<String, Accumulator> accumulators = new HashMap<>();
        inputs.forEach((unit, input) -> {
            for (String area : areasCounting(rule, tree, unit)) {
                accumulators.computeIfAbsent(area, any -> new Accumulator(rule)).add(input);
            }
        });
        Map<String, AreaResult> results = new HashMap<>();
        accumulators.forEach((area, accumulator) -> results.put(area,
                new AreaResult(accumulator.value(factor), accumulator.contributing, unitsOf(rule, tree, area, unitLevel))));
        return results;
    }

    /** The areas whose value a unit's counts in: itself and every area above it, or only itself for NONE. */
    static List<String> areasCounting(Aggregation rule, AreaTree tree, String unit) {
        return rule == Aggregation.NONE ? List.of(unit) : tree.ancestorsOrSelf(unit);
    }

    /** The reporting units an area's value is expected from: those of its subtree, or the area alone for NONE. */
    static int unitsOf(Aggregation rule, AreaTree tree, String area, String unitLevel) {
        return rule == Aggregation.NONE ? 1 : tree.unitsUnder(area, unitLevel);
    }

    private static final class Accumulator {
        private final Aggregation rule;
        private BigDecimal sum = BigDecimal.ZERO;
        private BigDecimal companionSum = BigDecimal.ZERO;
        private BigDecimal extreme;
        private int contributing;

        Accumulator(Aggregation rule) {
            this.rule = rule;
        }

        void add(UnitInput input) {
            BigDecimal value = input.value();
            switch (rule) {
                case SUM, AVERAGE, NONE -> {
                    if (value != null) {
                        sum = sum.add(value);
                        contributing++;
                    }
                }
                case MIN, MAX -> {
                    if (value != null) {
                        boolean more = extreme == null
                                || (rule == Aggregation.MIN ? value.compareTo(extreme) < 0 : value.compareTo(extreme) > 0);
                        extreme = more ? value : extreme;
                        contributing++;
                    }
                }
                case WEIGHTED_AVERAGE -> {
                    if (value != null && input.companion() != null) {
                        sum = sum.add(input.companion().multiply(value));
                        companionSum = companionSum.add(input.companion());
                        contributing++;
                    }
                }
                case RATIO -> {
                    if (value != null && input.companion() != null) {
                        sum = sum.add(value);
                        companionSum = companionSum.add(input.companion());
                        contributing++;
                    }
                }
            }
        }

        BigDecimal value(BigDecimal factor) {
            BigDecimal value = exactOrDivided(factor);
            // a sum of huge values, or a ratio over denominators summing to almost nothing, may not fit the wire's
            // decimal(38,12): such an area is published without a value rather than stopping the hub
            return value == null || Decimals.exceedsPrecision(value) ? null : value;
        }

        private BigDecimal exactOrDivided(BigDecimal factor) {
            if (contributing == 0) {
                return null;
            }
            return switch (rule) {
                case SUM, NONE -> Decimals.toWireScale(sum);
                case AVERAGE -> Decimals.divide(sum, BigDecimal.valueOf(contributing));
                case MIN, MAX -> Decimals.toWireScale(extreme);
                case WEIGHTED_AVERAGE -> companionSum.signum() == 0 ? null : Decimals.divide(sum, companionSum);
                case RATIO -> companionSum.signum() == 0 ? null : Decimals.divide(factor.multiply(sum), companionSum);
            };
        }
    }
}
