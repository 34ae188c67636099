package org.dmhub.hub.query;

import java.util.List;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.Periodicity;

/**
 * An indicator's values from the start of the year to the end of a period (lũy kế): rolled up over those periods as
 * a quarter is, by the indicator's rule over time.
 *
 * @param from the first period of the year
 * @param to the last period in it, the one asked for or the last of the span asked for
 * @param areas each area's value over them
 */
public record YearToDate(String indicator, String from, String to, List<AreaTotal> areas) {

    /** The periods of the indicator's periodicity from the start of {@code upTo}'s year to its end. */
    public static List<Period> periods(IndicatorDefinition indicator, Period upTo) {
        return Period.containing(Periodicity.YEARLY, upTo.firstDay()).periodsOf(indicator.getPeriodicity()).stream()
                .filter(period -> !period.lastDay().isAfter(upTo.lastDay())).toList();
    }
}
