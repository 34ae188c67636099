package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.RejectionReason;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The latest refused observations, newest first, from every hub instance: why, from which department, and where the
 * record is on its topic. The full history is the topic {@code dmhub.observations.rejected}.
 */
@RestController
@RequestMapping("/api/rejections")
class RejectionsController {

    private static final int MAX_LIMIT = 500;

    private final ViewStores stores;
    private final InstanceRouter router;

    RejectionsController(ViewStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    /**
     * @param department only this department's rejections
     * @param reason only the rejections with this reason code
     * @param limit how many (default 50, at most 500)
     */
    @GetMapping
    List<RejectionView> rejections(@RequestParam(required = false) String department, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        if (reason != null && Arrays.stream(RejectionReason.values()).noneMatch(known -> known.name().equals(reason))) {
            throw ApiProblem.badRequest("invalid-reason", "Unknown reason", "'" + reason + "' is not a rejection reason; the reasons are "
                    + Arrays.toString(RejectionReason.values()));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("invalid-limit", "Invalid limit", "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        List<RejectionView> found = new ArrayList<>();
        stores.localAll(stores.stores().recentRejections()).stream().map(RejectionView::of).forEach(found::add);
        router.othersAnswers(stores.stores().recentRejections(), request, RejectionView[].class).forEach(other -> found.addAll(Arrays.asList(other)));
        return found.stream()
                .filter(view -> department == null || department.equals(view.department()))
                .filter(view -> reason == null || view.reasons().contains(reason))
                .sorted(Comparator.comparing(RejectionView::rejectedAt).reversed()
                        .thenComparing(RejectionView::sourceTopic).thenComparing(RejectionView::sourceOffset))
                .distinct().limit(limit).toList();
    }

    /**
     * One refusal.
     *
     * @param indicator null when the record could not be read as an observation (see details)
     */
    record RejectionView(Instant rejectedAt, String department, List<String> reasons, List<String> details, String sourceTopic,
            int sourcePartition, long sourceOffset, String indicator, String area, String period) {

        static RejectionView of(ObservationRejected rejection) {
            var observation = rejection.getObservation();
            return new RejectionView(rejection.getRejectedAt(), rejection.getDepartment(),
                    rejection.getReasons().stream().map(Enum::name).toList(), List.copyOf(rejection.getDetails()),
                    rejection.getSourceTopic(), rejection.getSourcePartition(), rejection.getSourceOffset(),
                    observation == null ? null : observation.getIndicator(), observation == null ? null : observation.getArea(),
                    observation == null ? null : observation.getPeriod());
        }
    }
}
