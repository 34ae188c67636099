package org.dmhub.hub.api.security;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings of Spring Boot that secure mode ({@code dmhub.security.enabled=true}) imposes, above any other source
 * of configuration, so that no leftover of an open configuration weakens it: the health endpoint's details and its
 * components (streams, registry, catalog) shown to the role FOCAL_POINT only (the status alone to everyone else);
 * session cookies HttpOnly and SameSite=Lax; form bodies (the login page's) of 16 KB at most, and none read by the
 * form-content filter ahead of the login checks (the API takes no form); Swagger UI sends the session's CSRF token.
 */
public final class SecureModeSettings implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "dmhub.security.enabled";
    static final Map<String, Object> IMPOSED = Map.of(
            "management.endpoint.health.show-details", "when-authorized",
            "management.endpoint.health.show-components", "when-authorized",
            "management.endpoint.health.roles", ApiRole.FOCAL_POINT.name(),
            "server.servlet.session.cookie.http-only", "true",
            "server.servlet.session.cookie.same-site", "lax",
            "server.tomcat.max-http-form-post-size", "16KB",
            "spring.mvc.formcontent.filter.enabled", "false",
            "springdoc.swagger-ui.csrf.enabled", "true");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String enabled = environment.getProperty(ENABLED, "false").trim();
        // one reading of the switch for every part of the secure mode: a value the conditions would read otherwise is refused
        if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalStateException(ENABLED + " must be true or false, not '" + enabled + "'");
        }
        if (enabled.equalsIgnoreCase("true")) {
            environment.getPropertySources().addFirst(new MapPropertySource("dmhub-secure-mode", IMPOSED));
        }
    }

    /** After the configuration files and the command line are read: the switch may be in any of them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
