package org.dmhub.hub.api;

import java.net.URI;
import org.dmhub.hub.query.ViewNotReadyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** 503 with Retry-After: the view is being assigned or rebuilt; the same request succeeds shortly. */
    @ExceptionHandler(ViewNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(ViewNotReadyException notReady) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, notReady.getMessage());
        problem.setType(URI.create("https://dmhub.invalid/problems/view-not-ready"));
        problem.setTitle("The view is not available right now");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }
}
