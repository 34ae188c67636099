package org.dmhub.hub.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmhub.validation.Decimals;

/**
 * Each area's value of an indicator-period beside its year-to-date value (lũy kế) and the same period a year earlier
 * (so với cùng kỳ).
 *
 * @param yearToDateFrom the first period of the year-to-date values; null for a yearly value, which is its own
 * @param lastYearPeriod the period a year earlier
 */
public record ComparedValues(String indicator, String indicatorName, String unit, String period, boolean rolledUpOverTime,
        String yearToDateFrom, String yearToDateTo, String lastYearPeriod, List<Compared> areas) {

    /**
     * @param yearToDate null for a yearly period
     * @param samePeriodLastYear the area's value a year earlier; null when it has none
     * @param change value − samePeriodLastYear, exact; null unless both are there
     * @param ratioToLastYear value / samePeriodLastYear (1.05 is 105 % of it), rounded half-even to 12 places; null
     *     unless both are there and last year's is not 0
     */
    public record Compared(String area, String areaName, String areaLevel, BigDecimal value, int contributing, int expected,
            BigDecimal completeness, AreaTotal yearToDate, BigDecimal samePeriodLastYear, BigDecimal change, BigDecimal ratioToLastYear) {
    }

    /** The areas of {@code now} (in its order), then those only the year-to-date has. */
    public static List<Compared> of(List<AreaValueView> now, List<AreaValueView> lastYear, List<AreaTotal> yearToDate) {
        Map<String, AreaValueView> lastYearByArea = new LinkedHashMap<>();
        lastYear.forEach(value -> lastYearByArea.put(value.area(), value));
        Map<String, AreaTotal> yearToDateByArea = new LinkedHashMap<>();
        yearToDate.forEach(total -> yearToDateByArea.put(total.area(), total));
        List<Compared> compared = new ArrayList<>();
        for (AreaValueView value : now) {
            AreaValueView before = lastYearByArea.get(value.area());
            BigDecimal last = before == null ? null : before.value();
            BigDecimal change = value.value() == null || last == null ? null : value.value().subtract(last);
            BigDecimal ratio = value.value() == null || last == null || last.signum() == 0 ? null
                    : Decimals.plain(Decimals.divide(value.value(), last));
            compared.add(new Compared(value.area(), value.areaName(), value.areaLevel(), value.value(), value.contributing(),
                    value.expected(), value.completeness(), yearToDateByArea.remove(value.area()), last,
                    Decimals.plain(change), ratio));
        }
        yearToDateByArea.values().forEach(total -> compared.add(new Compared(total.area(), total.areaName(), total.areaLevel(),
                null, 0, 0, BigDecimal.ZERO, total, lastYearByArea.containsKey(total.area()) ? lastYearByArea.get(total.area()).value() : null,
                null, null)));
        return compared;
    }
}
