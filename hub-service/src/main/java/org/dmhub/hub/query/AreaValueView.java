package org.dmhub.hub.query;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One value of the view as the API gives it.
 *
 * @param value null when no reporting unit below the area has a value (or the result does not fit the contract)
 * @param contributing the reporting units below the area whose values are in this one
 * @param expected the reporting units below the area the framework expects
 * @param completeness contributing / expected, from 0 to 1
 * @param revision increases with every change of this value
 */
public record AreaValueView(String area, String areaName, String areaLevel, BigDecimal value, int contributing, int expected,
        BigDecimal completeness, long revision) {

    static BigDecimal completeness(int contributing, int expected) {
        return expected == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(contributing).divide(BigDecimal.valueOf(expected), 4, RoundingMode.HALF_EVEN);
    }
}
