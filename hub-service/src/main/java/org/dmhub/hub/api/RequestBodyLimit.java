package org.dmhub.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.dmhub.hub.HubProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body the hub takes: a framework file ({@code dmhub.limits.max-framework-file}). A request that
 * announces a longer body is answered 413 by this filter, the first of all, before anything else (a login, a password
 * hash to check) is spent on it; a body sent without its length is read no further than the limit
 * ({@link #read(HttpServletRequest)}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimit extends OncePerRequestFilter {

    private static final String TITLE = "Framework file too large";

    private final long maxBytes;

    RequestBodyLimit(HubProperties properties) {
        this.maxBytes = properties.limits().maxFrameworkFile().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long announced = request.getContentLengthLong();
        if (announced > maxBytes) {
            FilterProblems.send(request, response, HttpStatus.CONTENT_TOO_LARGE, "framework-too-large", TITLE, detail(announced));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The request's body, read no further than the limit. Read even when its announced length is too long, so that
     * the answer reaches a client still sending: the server drops a connection whose unread body is large.
     */
    byte[] read(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (read.length > maxBytes) {
                throw ApiProblem.tooLarge("framework-too-large", TITLE, detail(request.getContentLengthLong()));
            }
            return read;
        }
    }

    private String detail(long announced) {
        return (announced > 0 ? "the body has " + announced + " bytes" : "the body is longer") + "; a framework file may have at most "
                + maxBytes + " bytes (dmhub.limits.max-framework-file)";
    }
}
