package org.dmhub.hub.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the API refuses, answered as RFC 9457 problem details naming what is wrong and what would be valid. */
final class ApiProblem extends ErrorResponseException {

    /** What every problem type of the API starts with. */
    static final String TYPE_PREFIX = "https://dmhub.invalid/problems/";

    private ApiProblem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    static ApiProblem notFound(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, type, title, detail);
    }

    static ApiProblem badRequest(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, type, title, detail);
    }

    static ApiProblem tooLarge(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, type, title, detail);
    }

    /** Nothing can be answered before a framework is applied. */
    static ApiProblem noFramework() {
        return notFound("no-framework", "No framework", "the framework has no areas yet: apply one with POST /api/catalog");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
