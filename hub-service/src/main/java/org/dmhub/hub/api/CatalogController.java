package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.dmhub.hub.api.CatalogViews.AreaView;
import org.dmhub.hub.api.CatalogViews.DepartmentView;
import org.dmhub.hub.api.CatalogViews.IndicatorView;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.dmhub.hub.catalog.FrameworkException;
import org.dmhub.hub.catalog.FrameworkParser;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provincial framework: read it, and (the focal point) apply a new framework file here
 * ({@code deploy/local/dmhub catalog apply FILE}).
 */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final FrameworkParser parser = new FrameworkParser();
    private final CatalogPublisher publisher;
    private final Catalog catalog;
    private final RequestBodyLimit bodyLimit;

    CatalogController(CatalogPublisher publisher, Catalog catalog, RequestBodyLimit bodyLimit) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.bodyLimit = bodyLimit;
    }

    /** The indicators of the framework, retired ones included ({@code active: false}), by code. */
    @GetMapping("/indicators")
    List<IndicatorView> indicators() {
        return catalog.indicators().stream().map(IndicatorView::of).sorted(Comparator.comparing(IndicatorView::code)).toList();
    }

    /** One indicator. */
    @GetMapping("/indicators/{code}")
    IndicatorView indicator(@Indicator("code") IndicatorDefinition indicator) {
        return IndicatorView.of(indicator);
    }

    /** The areas of the framework, the province first, then level by level. */
    @GetMapping("/areas")
    List<AreaView> areas() {
        return catalog.areas().stream()
                .sorted(Comparator.comparingInt((AdminArea area) -> catalog.areaTree().ancestorsOrSelf(area.getCode()).size())
                        .thenComparing(AdminArea::getCode))
                .map(AreaView::of).toList();
    }

    /** The departments of the framework, by code. */
    @GetMapping("/departments")
    List<DepartmentView> departments() {
        return catalog.departments().stream().map(DepartmentView::of).sorted(Comparator.comparing(DepartmentView::code)).toList();
    }

    /**
     * Validates the whole framework file and, unless {@code dryRun}, publishes it. A file with any error publishes
     * nothing: the answer lists every error with its path (RFC 9457 problem details, status 422).
     * <p>
     * Only YAML (or JSON) media types are taken: a web page can make a browser send {@code text/plain}, a form's types
     * or no type at all to another site without asking it first (a CORS "simple" request), never these; such a
     * request is answered 415 ({@link ApiExceptionHandler}).
     */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "application/json"})
    ResponseEntity<?> apply(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "") String accept)
            throws ExecutionException, InterruptedException, IOException {
        byte[] framework = bodyLimit.read(request);
        try {
            var parsed = parser.parse(framework);
            return ResponseEntity.ok(dryRun ? publisher.plan(parsed) : publisher.publish(parsed));
        } catch (FrameworkException invalid) {
            if (accept.startsWith(MediaType.TEXT_PLAIN_VALUE)) {
                // for terminals and scripts: one "path: message" per line
                return ResponseEntity.unprocessableContent().contentType(MediaType.TEXT_PLAIN)
                        .body(String.join("\n", invalid.errors()) + "\n");
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    invalid.errors().size() + " error(s) in the framework file; nothing was published");
            problem.setTitle("Invalid framework file");
            problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "invalid-framework"));
            problem.setProperty("errors", invalid.errors());
            return ResponseEntity.unprocessableContent().body(problem);
        }
    }
}
