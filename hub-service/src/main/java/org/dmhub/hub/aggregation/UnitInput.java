package org.dmhub.hub.aggregation;

import java.math.BigDecimal;

/**
 * What one reporting unit contributes to a roll-up.
 *
 * @param value the unit's value; for a RATIO its numerator; null when absent or retracted
 * @param companion for WEIGHTED_AVERAGE the unit's weight, for RATIO its denominator; unused otherwise
 */
public record UnitInput(BigDecimal value, BigDecimal companion) {

    public static UnitInput of(BigDecimal value) {
        return new UnitInput(value, null);
    }
}
