package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.query.ReconciliationQueries;
import org.dmhub.hub.query.ReconciliationQueries.ReconciliationView;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ReconciliationStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operating indicators beside the statistical indicators they are linked to ({@code statisticalLink}), per area and
 * period of the statistical indicator: both values, the difference and whether it is within the link's tolerance.
 * The reconciliations are spread over the hub instances: each gives its own.
 */
@RestController
@RequestMapping("/api/reconciliation")
class ReconciliationController {

    /** The order of the list: what needs a look first. */
    private static final List<ReconciliationStatus> SEVERITY = List.of(ReconciliationStatus.DIVERGENT, ReconciliationStatus.INCOMPLETE,
            ReconciliationStatus.NO_STATISTIC, ReconciliationStatus.NO_OPERATIONAL, ReconciliationStatus.CONSISTENT);

    private final ReconciliationQueries queries;
    private final ViewStores stores;
    private final InstanceRouter router;
    private final Catalog catalog;

    ReconciliationController(ReconciliationQueries queries, ViewStores stores, InstanceRouter router, Catalog catalog) {
        this.queries = queries;
        this.stores = stores;
        this.router = router;
        this.catalog = catalog;
    }

    /** Every reconciliation of a period (a period of the statistical indicators': 2026-Q1), DIVERGENT ones first. */
    @GetMapping
    Reconciliations ofPeriod(@AnyPeriod Period period, HttpServletRequest request) {
        List<ReconciliationView> views = new ArrayList<>(queries.ofPeriod(period.toString()));
        router.othersAnswers(stores.stores().reconciliations(), request, Reconciliations.class)
                .forEach(other -> views.addAll(other.reconciliations()));
        views.sort(Comparator.comparingInt((ReconciliationView view) -> SEVERITY.indexOf(ReconciliationStatus.valueOf(view.status())))
                .thenComparing(ReconciliationView::operatingIndicator)
                .thenComparingInt(view -> catalog.areaTree().ancestorsOrSelf(view.area()).size())
                .thenComparing(ReconciliationView::area));
        long divergent = views.stream().filter(view -> view.status().equals(ReconciliationStatus.DIVERGENT.name())).count();
        return new Reconciliations(period.toString(), divergent, views);
    }

    /** One operating indicator's link for one area (the province by default), over every period, oldest first. */
    @GetMapping("/{indicator}")
    LinkSeries series(@Indicator IndicatorDefinition indicator, @Area(provinceByDefault = true) AdminArea area,
            HttpServletRequest request) {
        if (indicator.getStatisticalLink() == null) {
            throw ApiProblem.badRequest("no-statistical-link", "No statistical link", indicator.getCode()
                    + " has no statisticalLink in the framework: it is compared with no statistical indicator");
        }
        List<ReconciliationView> points = new ArrayList<>(queries.series(indicator.getCode(), area.getCode()));
        router.othersAnswers(stores.stores().reconciliations(), request, LinkSeries.class).forEach(other -> points.addAll(other.points()));
        points.sort(Comparator.comparing((ReconciliationView view) -> Period.parse(view.period()).orElseThrow())
                .thenComparing(ReconciliationView::statisticalIndicator));
        return new LinkSeries(indicator.getCode(), indicator.getName(), indicator.getStatisticalLink(), area.getCode(), area.getName(),
                points);
    }

    /** @param divergent how many of them are DIVERGENT */
    record Reconciliations(String period, long divergent, List<ReconciliationView> reconciliations) {
    }

    /** @param statisticalIndicator the one the framework links it to now (points of an earlier link are listed too) */
    record LinkSeries(String operatingIndicator, String operatingName, String statisticalIndicator, String area, String areaName,
            List<ReconciliationView> points) {
    }
}
