package org.dmhub.hub.query;

import java.math.BigDecimal;

/**
 * An area's value over several periods, worked out when asked (a year-to-date value), so without a revision.
 *
 * @param contributing the unit-periods whose values are in it
 * @param expected reporting units times periods
 */
public record AreaTotal(String area, String areaName, String areaLevel, BigDecimal value, int contributing, int expected,
        BigDecimal completeness) {
}
