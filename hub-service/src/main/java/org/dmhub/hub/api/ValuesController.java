package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.query.AreaValueView;
import org.dmhub.hub.query.ViewQueries;
import org.dmhub.hub.query.ViewNotReadyException;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    private final Catalog catalog;
    private final ViewStores stores;
    private final ViewQueries queries;
    private final InstanceForwarding forwarding;
    private final JsonMapper json;

    ValuesController(Catalog catalog, ViewStores stores, ViewQueries queries, InstanceForwarding forwarding, JsonMapper json) {
        this.catalog = catalog;
        this.stores = stores;
        this.queries = queries;
        this.forwarding = forwarding;
        this.json = json;
    }

    /** The values of an indicator for a period: every area (province first), or the one {@code area}. */
    @GetMapping("/{indicator}/{period}")
    ResponseEntity<?> values(@PathVariable String indicator, @PathVariable String period,
            @RequestParam(required = false) String area, HttpServletRequest request,
            @RequestHeader(value = InstanceForwarding.FORWARDED, required = false) String forwarded) {
        IndicatorDefinition definition = indicator(indicator);
        period(definition, period);
        if (area != null) {
            area(area);
        }
        Optional<HostInfo> owner = stores.remoteOwner(definition, period);
        if (owner.isPresent()) {
            if (forwarded != null) {
                // asked by another instance that thought this one holds the key: the work is being reassigned
                throw new ViewNotReadyException("this part of the view is moving between hub instances");
            }
            return forwarding.forward(owner.get(), pathAndQuery(request));
        }
        List<AreaValueView> values = queries.values(definition, period);
        if (area == null) {
            return answered(new IndicatorPeriodValues(definition.getCode(), definition.getName(), definition.getUnit(),
                    definition.getAggregation().name(), period, values));
        }
        return answered(values.stream().filter(value -> value.area().equals(area)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no-value", "No value yet", "no value of " + definition.getCode()
                        + " for area " + area + " and period " + period + " yet: no reporting unit below it has reported")));
    }

    /** The values of one area (the province by default) over the periods, oldest first, between {@code from} and {@code to}. */
    @GetMapping("/{indicator}")
    ResponseEntity<?> series(@PathVariable String indicator, @RequestParam(required = false) String area,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request,
            @RequestHeader(value = InstanceForwarding.FORWARDED, required = false) String forwarded) {
        IndicatorDefinition definition = indicator(indicator);
        AdminArea chosen = area == null ? province() : area(area);
        Period first = from == null ? null : period(definition, from);
        Period last = to == null ? null : period(definition, to);
        List<ViewQueries.SeriesPoint> points = new ArrayList<>(queries.series(definition, chosen.getCode(), first, last));
        if (forwarded == null) {
            // the periods of one indicator are spread over the instances: ask each for its own
            for (HostInfo other : stores.otherInstances(definition)) {
                points.addAll(json.readValue(forwarding.fetch(other, pathAndQuery(request)), Series.class).points());
            }
            points.sort(Comparator.comparing(point -> Period.parse(point.period(), definition.getPeriodicity()).orElseThrow()));
        }
        return answered(new Series(definition.getCode(), definition.getName(), definition.getUnit(), chosen.getCode(),
                chosen.getName(), points));
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

    private IndicatorDefinition indicator(String code) {
        return catalog.indicator(code).orElseThrow(() -> ApiProblem.notFound("unknown-indicator", "Unknown indicator",
                "indicator " + code + " is not in the framework; GET /api/catalog/indicators lists them"));
    }

    private Period period(IndicatorDefinition indicator, String text) {
        return Period.parse(text, indicator.getPeriodicity()).orElseThrow(() -> ApiProblem.badRequest("invalid-period",
                "Invalid period", "'" + text + "' is not a period of " + indicator.getCode() + ", which is reported "
                        + indicator.getPeriodicity() + ": write " + Period.form(indicator.getPeriodicity())));
    }

    private AdminArea area(String code) {
        return catalog.area(code).orElseThrow(() -> ApiProblem.notFound("unknown-area", "Unknown area",
                "area " + code + " is not in the framework; GET /api/catalog/areas lists them"));
    }

    private AdminArea province() {
        return catalog.province().orElseThrow(ApiProblem::noFramework);
    }

    private static String pathAndQuery(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
