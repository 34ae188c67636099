package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.dmhub.hub.query.AreaValueView;
import org.dmhub.hub.query.ViewQueries;
import org.dmhub.hub.query.ViewNotReadyException;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial view: each indicator's values at every level of the area tree, with how many reporting units
 * contributed, and an area's series over periods. Any hub instance answers; the one holding the indicator-period
 * is asked when it is another.
 */
@RestController
@RequestMapping("/api/values")
class ValuesController {

    private final ViewStores stores;
    private final ViewQueries queries;
    private final InstanceForwarding forwarding;
    private final JsonMapper json;

    ValuesController(ViewStores stores, ViewQueries queries, InstanceForwarding forwarding, JsonMapper json) {
        this.stores = stores;
        this.queries = queries;
        this.forwarding = forwarding;
        this.json = json;
    }

    /** The values of an indicator for a period: every area (province first), or the one {@code area}. */
    @GetMapping("/{indicator}/{period}")
    ResponseEntity<?> values(@Indicator IndicatorDefinition indicator, @IndicatorPeriod Period period, @Area AdminArea area,
            HttpServletRequest request, @RequestHeader(value = InstanceForwarding.FORWARDED, required = false) String forwarded) {
        Optional<HostInfo> owner = stores.remoteOwner(indicator, period.toString());
        if (owner.isPresent()) {
            if (forwarded != null) {
                // asked by another instance that thought this one holds the key: the work is being reassigned
                throw new ViewNotReadyException("this part of the view is moving between hub instances");
            }
            return forwarding.forward(owner.get(), pathAndQuery(request));
        }
        List<AreaValueView> values = queries.values(indicator, period.toString());
        if (area == null) {
            return answered(new IndicatorPeriodValues(indicator.getCode(), indicator.getName(), indicator.getUnit(),
                    indicator.getAggregation().name(), period.toString(), values));
        }
        return answered(values.stream().filter(value -> value.area().equals(area.getCode())).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no-value", "No value yet", "no value of " + indicator.getCode()
                        + " for area " + area.getCode() + " and period " + period + " yet: no reporting unit below it has reported")));
    }

    /** The values of one area (the province by default) over the periods, oldest first, between {@code from} and {@code to}. */
    @GetMapping("/{indicator}")
    ResponseEntity<?> series(@Indicator IndicatorDefinition indicator, @Area(provinceByDefault = true) AdminArea area,
            @IndicatorPeriod(value = "from", in = ParameterIn.QUERY, required = false) Period from,
            @IndicatorPeriod(value = "to", in = ParameterIn.QUERY, required = false) Period to, HttpServletRequest request,
            @RequestHeader(value = InstanceForwarding.FORWARDED, required = false) String forwarded) {
        List<ViewQueries.SeriesPoint> points = new ArrayList<>(queries.series(indicator, area.getCode(), from, to));
        if (forwarded == null) {
            // the periods of one indicator are spread over the instances: ask each for its own
            for (HostInfo other : stores.otherInstances(indicator)) {
                points.addAll(json.readValue(forwarding.fetch(other, pathAndQuery(request)), Series.class).points());
            }
            points.sort(Comparator.comparing(point -> Period.parse(point.period(), indicator.getPeriodicity()).orElseThrow()));
        }
        return answered(new Series(indicator.getCode(), indicator.getName(), indicator.getUnit(), area.getCode(),
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

    private ResponseEntity<?> answered(Object body) {
        HostInfo self = stores.self();
        return ResponseEntity.ok().header(InstanceForwarding.ANSWERED_BY, self.host() + ":" + self.port()).body(body);
    }

    private static String pathAndQuery(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
