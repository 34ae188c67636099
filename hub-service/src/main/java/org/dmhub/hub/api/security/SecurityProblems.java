package org.dmhub.hub.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.dmhub.hub.api.FilterProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The answers of secure mode to a request without (good) credentials, 401, and to one its credentials do not allow,
 * 403: RFC 9457 problems like every other error of the API. A 401 names the schemes the hub takes
 * ({@code WWW-Authenticate}), except to the dashboard's own requests ({@code X-Requested-With: XMLHttpRequest}), for
 * which the browser must not open its password dialog: the dashboard offers its login page instead.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "DM Hub";

    private final boolean bearerTokens;

    /** @param bearerTokens whether JWT bearer tokens are accepted too (a provider is configured) */
    SecurityProblems(boolean bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failed) throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            if (bearerTokens) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
            }
        }
        boolean sentCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        FilterProblems.send(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                (sentCredentials ? "the credentials were not accepted" : "the request has no credentials")
                + "; the hub's API needs a user of the hub (HTTP Basic, e.g. curl -u NAME"
                + (bearerTokens ? ", or a bearer token of the province's identity provider" : "")
                + "), the dashboard a login at /login.html");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException && request.getRequestedSessionId() == null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null && !"/login".equals(request.getServletPath())) {
            // no session and no credentials: what the caller lacks is a login, not a token (the request is refused either way)
            commence(request, response, new InsufficientAuthenticationException("no credentials"));
            return;
        }
        if (denied instanceof CsrfException) {
            FilterProblems.send(request, response, HttpStatus.FORBIDDEN, "csrf", "CSRF token missing or wrong",
                    "a browser session must send its CSRF token (header X-XSRF-TOKEN, the value of the cookie XSRF-TOKEN) with"
                    + " a " + request.getMethod() + "; API clients authenticate each request instead (HTTP Basic or a bearer token)");
            return;
        }
        FilterProblems.send(request, response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "user " + (request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName()) + " may not "
                + request.getMethod() + " " + request.getRequestURI() + ": "
                + ("GET".equals(request.getMethod()) ? "the API and the dashboard need the role VIEWER, /actuator/prometheus"
                        + " METRICS, the actuator's other endpoints FOCAL_POINT" : "changes need the role FOCAL_POINT"));
    }
}
