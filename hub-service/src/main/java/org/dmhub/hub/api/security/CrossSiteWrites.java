package org.dmhub.hub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.dmhub.hub.api.FilterProblems;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (403) every request but a read that a browser says another site made it send ({@code Sec-Fetch-Site:
 * cross-site} or {@code same-site}): no page of another site has anything to change on the hub, whatever the login of
 * the browser's user. Clients other than browsers send no such header and are not concerned; the media types that
 * {@code POST /api/catalog} accepts and the CSRF token of browser sessions protect on their own as well.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && OTHER_SITES.contains(site) && !READS.contains(request.getMethod())) {
            FilterProblems.send(request, response, HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                    "the browser says another site (" + site + ") sent this " + request.getMethod() + "; the hub takes"
                    + " changes from its own pages and from API clients only");
            return;
        }
        chain.doFilter(request, response);
    }
}
