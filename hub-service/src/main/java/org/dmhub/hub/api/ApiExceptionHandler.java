package org.dmhub.hub.api;

import java.net.URI;
import java.util.stream.Collectors;
import org.dmhub.hub.query.ViewNotReadyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** 503 with Retry-After: the view is being assigned or rebuilt; the same request succeeds shortly. */
    @ExceptionHandler(ViewNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(ViewNotReadyException notReady) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, notReady.getMessage());
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "view-not-ready"));
        problem.setTitle("The view is not available right now");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }

    /** 415 naming the media types that are accepted (the {@code Accept} header lists them too). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException unsupported,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MediaType sent = unsupported.getContentType();
        String accepted = unsupported.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = unsupported.getBody();
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "unsupported-media-type"));
        problem.setTitle("Unsupported media type");
        problem.setDetail((sent == null ? "the request has no Content-Type" : "Content-Type " + sent + " is not accepted")
                + "; send the body as one of: " + accepted
                + " (e.g. curl -H 'Content-Type: application/yaml' --data-binary @framework.yaml)");
        return super.handleHttpMediaTypeNotSupported(unsupported, headers, status, request);
    }
}
