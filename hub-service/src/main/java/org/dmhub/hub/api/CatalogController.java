package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.api.CatalogViews.AreaView;
import org.dmhub.hub.api.CatalogViews.DepartmentView;
import org.dmhub.hub.api.CatalogViews.IndicatorView;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.dmhub.hub.catalog.FrameworkException;
import org.dmhub.hub.catalog.FrameworkParser;
import org.dmhub.schemas.AdminArea;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
    private final long maxFrameworkBytes;

    CatalogController(CatalogPublisher publisher, Catalog catalog, HubProperties properties) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.maxFrameworkBytes = properties.limits().maxFrameworkFile().toBytes();
    }

    /** The indicators of the framework, retired ones included ({@code active: false}), by code. */
    @GetMapping("/indicators")
    List<IndicatorView> indicators() {
        return catalog.indicators().stream().map(IndicatorView::of).sorted(Comparator.comparing(IndicatorView::code)).toList();
    }

    /** One indicator. */
    @GetMapping("/indicators/{code}")
    IndicatorView indicator(@PathVariable String code) {
        return catalog.indicator(code).map(IndicatorView::of).orElseThrow(() -> ApiProblem.notFound("unknown-indicator",
                "Unknown indicator", "indicator " + code + " is not in the framework; GET /api/catalog/indicators lists them"));
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
     */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", "application/octet-stream"})
    ResponseEntity<?> apply(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "") String accept)
            throws ExecutionException, InterruptedException, IOException {
        byte[] framework = boundedBody(request);
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
            problem.setType(URI.create("https://dmhub.invalid/problems/invalid-framework"));
            problem.setProperty("errors", invalid.errors());
            return ResponseEntity.unprocessableContent().body(problem);
        }
    }

    /**
     * The request's body, read no further than a framework file may be long. Read even when its announced length is
     * too long, so that the answer reaches a client still sending: the server drops a connection whose unread body
     * is large.
     */
    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFrameworkBytes + 1));
            if (read.length > maxFrameworkBytes) {
                long announced = request.getContentLengthLong();
                throw ApiProblem.tooLarge("framework-too-large", "Framework file too large", (announced > 0 ? "the body has "
                        + announced + " bytes" : "the body is longer") + "; a framework file may have at most "
                        + maxFrameworkBytes + " bytes (dmhub.limits.max-framework-file)");
            }
            return read;
        }
    }
}
