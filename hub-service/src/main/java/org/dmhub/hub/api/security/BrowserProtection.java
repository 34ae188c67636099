package org.dmhub.hub.api.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What protects the dashboard's users in their browser, in open and secure mode alike: a Content-Security-Policy that
 * lets the pages run only the hub's own scripts and styles and be framed by no site, {@code nosniff}, no framing, no
 * referrer to other sites, and {@link CrossSiteWrites}.
 */
final class BrowserProtection {

    /** The dashboard has no inline script or style (its bars' widths are set through the CSSOM, which CSP allows). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    private BrowserProtection() {
    }

    static void apply(HttpSecurity http) {
        http.headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new CrossSiteWrites(), CsrfFilter.class);
    }
}
