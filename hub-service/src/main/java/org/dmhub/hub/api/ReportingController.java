package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.hub.reporting.ReportingStatuses;
import org.dmhub.period.Period;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ReportingState;
import org.dmhub.schemas.ReportingStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who has reported: for each department and indicator, the reporting units expected and received, and ON_TIME, LATE,
 * MISSING or PENDING against the reporting calendar. A period nobody reported yet is judged on the spot.
 */
@RestController
@RequestMapping("/api/reporting")
class ReportingController {

    /** Worst first: what the focal point has to chase. */
    private static final List<ReportingState> SEVERITY =
            List.of(ReportingState.MISSING, ReportingState.LATE, ReportingState.PENDING, ReportingState.ON_TIME);

    /** Where another hub instance asks this one for the statuses it holds ({@link InstanceRouter#gather}). */
    private static final String HELD = "/held";

    private final Catalog catalog;
    private final ViewStores stores;
    private final ReportingStatuses statuses;
    private final InstanceRouter router;

    ReportingController(Catalog catalog, ViewStores stores, ReportingStatuses statuses, InstanceRouter router) {
        this.catalog = catalog;
        this.stores = stores;
        this.statuses = statuses;
        this.router = router;
    }

    /** The status of every reported indicator of the period's periodicity (optionally one department's), worst first. */
    @GetMapping
    List<StatusView> statuses(@AnyPeriod Period period, @RequestParam(required = false) String department) {
        if (department != null && catalog.department(department).isEmpty()) {
            throw ApiProblem.notFound("unknown-department", "Unknown department", "department " + department
                    + " is not in the framework; GET /api/catalog/departments lists them");
        }
        List<IndicatorDefinition> reported = statuses.reportedIndicators().stream().filter(indicator ->
                indicator.getPeriodicity() == period.periodicity() && (department == null || department.equals(indicator.getOwner()))).toList();
        List<StatusView> views = new ArrayList<>(router.gather(reported, period, stores::statusKey, held -> localOrJudged(held, period),
                "/api/reporting" + HELD, StatusView.class));
        views.sort(Comparator.comparingInt((StatusView view) -> SEVERITY.indexOf(ReportingState.valueOf(view.state())))
                .thenComparing(StatusView::department).thenComparing(StatusView::indicator));
        return views;
    }

    /** Asked by another hub instance: the statuses of the {@code indicator}s for the period that this one holds. */
    @Hidden
    @GetMapping(HELD)
    List<StatusView> heldStatuses(@AnyPeriod Period period, @RequestParam List<String> indicator, HttpServletRequest request) {
        return router.heldHere(request, indicator, period, stores::statusKey, held -> localOrJudged(held, period));
    }

    /** One indicator's status for a period. */
    @GetMapping("/{indicator}/{period}")
    ResponseEntity<?> status(@Indicator(reported = true) IndicatorDefinition indicator, @IndicatorPeriod Period period,
            HttpServletRequest request) {
        return router.atHolder(stores.statusKey(indicator, period.toString()), request,
                () -> ResponseEntity.ok(localOrJudged(indicator, period).orElseThrow()));
    }

    /**
     * One department's reporting of one indicator for one period.
     *
     * @param lastReceivedAt null when nothing was received
     */
    record StatusView(String department, String departmentName, String indicator, String indicatorName, String period, int expected,
            int received, int receivedOnTime, String state, Instant deadline, Instant lastReceivedAt) {
    }

    private List<StatusView> localOrJudged(List<IndicatorDefinition> indicators, Period period) {
        return indicators.stream().flatMap(indicator -> localOrJudged(indicator, period).stream()).toList();
    }

    private Optional<StatusView> localOrJudged(IndicatorDefinition indicator, Period period) {
        Optional<ReportingStatus> stored = stores.local(stores.statusKey(indicator, period.toString()));
        return stored.or(() -> statuses.status(indicator, period.toString(), Map.of(), Instant.now())).map(this::view);
    }

    private StatusView view(ReportingStatus status) {
        return new StatusView(status.getDepartment(), catalog.department(status.getDepartment()).map(Department::getName).orElse(null),
                status.getIndicator(), catalog.indicator(status.getIndicator()).map(IndicatorDefinition::getName).orElse(null),
                status.getPeriod(), status.getExpected(), status.getReceived(), status.getReceivedOnTime(), status.getState().name(),
                status.getDeadline(), status.getLastReceivedAt());
    }
}
