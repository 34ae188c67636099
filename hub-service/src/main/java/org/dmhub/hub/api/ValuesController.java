package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dmhub.hub.overtime.SpanRollup;
import org.dmhub.hub.query.AreaValueView;
import org.dmhub.hub.query.ComparedValues;
import org.dmhub.hub.query.ViewQueries;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.hub.query.YearToDate;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.Periodicity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provincial view: each indicator's values at every level of the area tree, with how many reporting units
 * contributed, and an area's series over periods. Any hub instance answers ({@link InstanceRouter}).
 */
@RestController
@RequestMapping("/api/values")
class ValuesController {

    private final ViewStores stores;
    private final ViewQueries queries;
    private final InstanceRouter router;

    ValuesController(ViewStores stores, ViewQueries queries, InstanceRouter router) {
        this.stores = stores;
        this.queries = queries;
        this.router = router;
    }

    /**
     * The values of an indicator for a period: every area (province first), or the one {@code area}. The period may be a
     * quarter, half-year or year of a finer indicator: its values rolled up over time.
     */
    @GetMapping("/{indicator}/{period}")
    ResponseEntity<?> values(@Indicator IndicatorDefinition indicator, @IndicatorPeriod(spans = true) Period period,
            @Area AdminArea area, HttpServletRequest request) {
        return router.atHolder(stores.valuesKey(indicator, period.toString()), request, () -> {
            IndicatorPeriodValues values = valuesHere(indicator, period);
            if (area == null) {
                return router.answeredHere(values);
            }
            return router.answeredHere(values.areas().stream().filter(value -> value.area().equals(area.getCode())).findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("no-value", "No value yet", "no value of " + indicator.getCode()
                            + " for area " + area.getCode() + " and period " + period + " yet: no reporting unit below it has reported")));
        });
    }

    /**
     * The values of an indicator from the start of the year to the end of a period (lũy kế): 2026-01 to 2026-05 for
     * 2026-05, 2026-01 to 2026-06 for 2026-Q2 of a monthly indicator; rolled up over those periods by the indicator's
     * rule over time, as a quarter is.
     */
    @GetMapping("/{indicator}/{period}/year-to-date")
    ResponseEntity<?> yearToDate(@Indicator IndicatorDefinition indicator, @IndicatorPeriod(spans = true) Period period,
            HttpServletRequest request) {
        requireYearToDate(indicator, period);
        return router.atHolder(stores.yearInputsKey(indicator, period.firstDay().getYear()), request,
                () -> router.answeredHere(queries.yearToDate(indicator, period)));
    }

    /**
     * Every area's value of an indicator-period beside its year-to-date value (lũy kế) and the value of the same period
     * a year earlier, with the change and the ratio to it (so với cùng kỳ).
     */
    @GetMapping("/{indicator}/{period}/compared")
    ResponseEntity<?> compared(@Indicator IndicatorDefinition indicator, @IndicatorPeriod(spans = true) Period period) {
        Period lastYear = period.sameTimeLastYear();
        IndicatorPeriodValues now = router.partAt(stores.valuesKey(indicator, period.toString()), valuesPath(indicator, period),
                IndicatorPeriodValues.class, () -> valuesHere(indicator, period));
        // periods start in 1900: 1900 has no year before it
        IndicatorPeriodValues before = Period.parse(lastYear.toString()).isEmpty()
                ? new IndicatorPeriodValues(indicator.getCode(), indicator.getName(), indicator.getUnit(), indicator.getAggregation().name(),
                        lastYear.toString(), period.periodicity() != indicator.getPeriodicity(), List.of())
                : router.partAt(stores.valuesKey(indicator, lastYear.toString()), valuesPath(indicator, lastYear),
                        IndicatorPeriodValues.class, () -> valuesHere(indicator, lastYear));
        YearToDate yearToDate = hasYearToDate(indicator, period)
                ? router.partAt(stores.yearInputsKey(indicator, period.firstDay().getYear()),
                        valuesPath(indicator, period) + "/year-to-date", YearToDate.class, () -> queries.yearToDate(indicator, period))
                : null;
        return router.answeredHere(new ComparedValues(indicator.getCode(), indicator.getName(), indicator.getUnit(),
                period.toString(), now.rolledUpOverTime(), yearToDate == null ? null : yearToDate.from(),
                yearToDate == null ? null : yearToDate.to(), lastYear.toString(),
                ComparedValues.of(now.areas(), before.areas(), yearToDate == null ? List.of() : yearToDate.areas())));
    }

    private IndicatorPeriodValues valuesHere(IndicatorDefinition indicator, Period period) {
        return new IndicatorPeriodValues(indicator.getCode(), indicator.getName(), indicator.getUnit(),
                indicator.getAggregation().name(), period.toString(), period.periodicity() != indicator.getPeriodicity(),
                queries.values(indicator, period.toString()));
    }

    private static String valuesPath(IndicatorDefinition indicator, Period period) {
        return "/api/values/" + URLEncoder.encode(indicator.getCode(), StandardCharsets.UTF_8) + "/" + period;
    }

    /** A yearly value is its own year-to-date; an indicator not rolled up over time has none. */
    private static boolean hasYearToDate(IndicatorDefinition indicator, Period period) {
        return period.periodicity() != Periodicity.YEARLY && SpanRollup.rollsUpOverTime(indicator);
    }

    private static void requireYearToDate(IndicatorDefinition indicator, Period period) {
        if (!hasYearToDate(indicator, period)) {
            throw ApiProblem.badRequest("no-year-to-date", "No year-to-date value", period.periodicity() == Periodicity.YEARLY
                    ? period + " is a year: its value is its own year-to-date"
                    : indicator.getCode() + " is not rolled up over time (its overTime is NONE): it has no year-to-date value");
        }
    }

    /** The values of one area (the province by default) over the periods, oldest first, between {@code from} and {@code to}. */
    @GetMapping("/{indicator}")
    ResponseEntity<?> series(@Indicator IndicatorDefinition indicator, @Area(provinceByDefault = true) AdminArea area,
            @IndicatorPeriod(value = "from", in = ParameterIn.QUERY, required = false) Period from,
            @IndicatorPeriod(value = "to", in = ParameterIn.QUERY, required = false) Period to, HttpServletRequest request) {
        List<ViewQueries.SeriesPoint> points = new ArrayList<>(queries.series(indicator, area.getCode(), from, to));
        // the periods of one indicator are spread over the instances: each gives its own
        router.othersAnswers(stores.valuesStore(indicator), request, Series.class).forEach(other -> points.addAll(other.points()));
        points.sort(Comparator.comparing(point -> Period.parse(point.period(), indicator.getPeriodicity()).orElseThrow()));
        return router.answeredHere(new Series(indicator.getCode(), indicator.getName(), indicator.getUnit(), area.getCode(),
                area.getName(), points));
    }

    /** All areas' values of an indicator-period. */
    record IndicatorPeriodValues(String indicator, String indicatorName, String unit, String aggregation, String period,
            boolean rolledUpOverTime, List<AreaValueView> areas) {
    }

    /** An area's values over periods. */
    record Series(String indicator, String indicatorName, String unit, String area, String areaName,
            List<ViewQueries.SeriesPoint> points) {
    }
}
