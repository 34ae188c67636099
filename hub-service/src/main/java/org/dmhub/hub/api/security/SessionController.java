package org.dmhub.hub.api.security;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Secure mode: who the caller is, for the dashboard's top bar (open mode has no such endpoint: 404). */
@RestController
@ConditionalOnProperty(name = SecureModeSettings.ENABLED, havingValue = "true")
class SessionController {

    /** The caller's name and roles (without the {@code ROLE_} prefix). */
    @GetMapping("/api/session")
    Session session(Authentication caller) {
        return new Session(caller.getName(), caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5)).sorted().toList());
    }

    record Session(String name, List<String> roles) {
    }
}
