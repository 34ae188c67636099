package org.dmhub.hub.api;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.dmhub.hub.catalog.FrameworkException;
import org.dmhub.hub.catalog.FrameworkParser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The focal point applies the provincial framework file here ({@code deploy/local/dmhub catalog apply FILE}). */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final FrameworkParser parser = new FrameworkParser();
    private final CatalogPublisher publisher;

    CatalogController(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Validates the whole framework file and, unless {@code dryRun}, publishes it. A file with any error publishes
     * nothing: the answer lists every error with its path (RFC 9457 problem details, status 422).
     */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", "application/octet-stream"})
    ResponseEntity<?> apply(@RequestBody byte[] framework, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "") String accept)
            throws ExecutionException, InterruptedException {
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
}
