package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dmhub.hub.query.AreaValueView;
import org.dmhub.hub.query.ViewQueries;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
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

    /** The values of an indicator for a period: every area (province first), or the one {@code area}. */
    @GetMapping("/{indicator}/{period}")
    ResponseEntity<?> values(@Indicator IndicatorDefinition indicator, @IndicatorPeriod Period period, @Area AdminArea area,
            HttpServletRequest request) {
        return router.atHolder(stores.valuesKey(indicator, period.toString()), request, () -> {
            List<AreaValueView> values = queries.values(indicator, period.toString());
            if (area == null) {
                return router.answeredHere(new IndicatorPeriodValues(indicator.getCode(), indicator.getName(), indicator.getUnit(),
                        indicator.getAggregation().name(), period.toString(), values));
            }
            return router.answeredHere(values.stream().filter(value -> value.area().equals(area.getCode())).findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("no-value", "No value yet", "no value of " + indicator.getCode()
                            + " for area " + area.getCode() + " and period " + period + " yet: no reporting unit below it has reported")));
        });
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
            List<AreaValueView> areas) {
    }

    /** An area's values over periods. */
    record Series(String indicator, String indicatorName, String unit, String area, String areaName,
            List<ViewQueries.SeriesPoint> points) {
    }
}
