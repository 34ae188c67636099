package org.dmhub.hub.catalog;

import org.dmhub.schemas.IndicatorDefinition;

/**
 * Which stage of the hub rolls an indicator up the area tree, by its aggregation rule: the one rule the topology,
 * the processors and the queries share (each stage keeps what it published in a store of its own).
 */
public enum RollupStage {
    /** SUM, AVERAGE, MIN, MAX, NONE: from the indicator's own values, in the task that consolidates them. */
    CONSOLIDATION,
    /**
     * RATIO, WEIGHTED_AVERAGE: from two values per reporting unit (numerator and denominator, value and weight),
     * which the consolidation forwards to the derivation stage keyed by the target indicator and period.
     */
    DERIVATION;

    public static RollupStage of(IndicatorDefinition indicator) {
        return switch (indicator.getAggregation()) {
            case SUM, AVERAGE, MIN, MAX, NONE -> CONSOLIDATION;
            case RATIO, WEIGHTED_AVERAGE -> DERIVATION;
        };
    }
}
