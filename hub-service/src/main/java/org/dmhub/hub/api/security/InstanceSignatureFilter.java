package org.dmhub.hub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.dmhub.hub.api.FilterProblems;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a read another hub instance signed ({@link InstanceSignature}) as the principal {@code hub-instance}
 * with the role VIEWER, for this request only. A request that carries a signature that does not verify is refused
 * (401) at once.
 */
final class InstanceSignatureFilter extends OncePerRequestFilter {

    static final String PRINCIPAL = "hub-instance";

    private final InstanceSignature signature;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    InstanceSignatureFilter(InstanceSignature signature) {
        this.signature = signature;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signed = request.getHeader(InstanceSignature.HEADER);
        if (signed == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!"GET".equals(request.getMethod())
                || !signature.verifies(signed, request.getMethod(), request.getRequestURI(), request.getQueryString())) {
            FilterProblems.send(request, response, HttpStatus.UNAUTHORIZED, "instance-signature", "Instance signature refused",
                    "the request's " + InstanceSignature.HEADER + " does not verify: every hub instance needs the same"
                    + " dmhub.security.api.forwarding-secret-file and clocks less than " + InstanceSignature.VALIDITY.toSeconds()
                    + " s apart; only GET requests are signed");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
                List.of(new SimpleGrantedAuthority(ApiRole.VIEWER.authority()))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
