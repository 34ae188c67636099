package org.dmhub.hub.aggregation;

import java.math.BigDecimal;
import org.dmhub.validation.Decimals;

/**
 * The value of an indicator for one area and period.
 *
 * @param value null when no reporting unit contributes (or a ratio's denominators sum to zero)
 * @param contributing reporting units whose data enter the value
 * @param expected reporting units in the area's subtree
 */
public record AreaResult(BigDecimal value, int contributing, int expected) {

    /** contributing / expected, rounded half-even to 12 decimal places. */
    public BigDecimal completeness() {
        return expected == 0 ? Decimals.toWireScale(BigDecimal.ZERO)
                : Decimals.divide(BigDecimal.valueOf(contributing), BigDecimal.valueOf(expected));
    }

    /** Same value, contributing and expected; values compare numerically. */
    public boolean sameAs(BigDecimal otherValue, int otherContributing, int otherExpected) {
        boolean sameValue = value == null ? otherValue == null : otherValue != null && value.compareTo(otherValue) == 0;
        return sameValue && contributing == otherContributing && expected == otherExpected;
    }
}
