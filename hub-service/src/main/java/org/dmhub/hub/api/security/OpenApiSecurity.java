package org.dmhub.hub.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Open mode ({@code dmhub.security.enabled} false, the default): anyone who reaches the hub may use its API and
 * dashboard, as on a focal point's own machine; the browser's protections ({@link BrowserProtection}) hold all the same.
 */
@Configuration
@ConditionalOnBooleanProperty(name = SecureModeSettings.ENABLED, havingValue = false, matchIfMissing = true)
class OpenApiSecurity {

    @Bean
    SecurityFilterChain openFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        BrowserProtection.apply(http);
        return http.build();
    }
}
