package org.dmhub.hub.api.security;

import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, for the dashboard's top bar: in open mode nobody (no name, no role). */
@RestController
class SessionController {

    /** The caller's name and roles (without the {@code ROLE_} prefix). */
    @GetMapping("/api/session")
    Session session(Authentication caller) {
        if (caller == null || caller instanceof AnonymousAuthenticationToken) {
            return new Session(null, List.of());
        }
        return new Session(caller.getName(), caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5)).sorted().toList());
    }

    record Session(String name, List<String> roles) {
    }
}
