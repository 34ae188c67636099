package org.dmhub.hub.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/** What a user of the hub's API and dashboard may do in secure mode. */
public enum ApiRole {

    /** Reads everything under {@code /api} and the dashboard. */
    VIEWER,
    /** Also changes things (applies the framework) and reads every actuator endpoint with its details; implies the others. */
    FOCAL_POINT,
    /** Reads the metrics only ({@code /actuator/prometheus}): the credentials of a Prometheus server. */
    METRICS;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named, whatever its case. */
    public static Optional<ApiRole> named(String name) {
        return Arrays.stream(values()).filter(role -> role.name().equals(name.trim().toUpperCase(Locale.ROOT))).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The focal point may do what a viewer and a metrics reader may. */
    static RoleHierarchy hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(FOCAL_POINT.name()).implies(VIEWER.name(), METRICS.name())
                .build();
    }
}
