package org.dmhub.hub.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The roles of a bearer token of the province's identity provider: the {@link ApiRole} names found in its claim
 * {@code dmhub.security.api.roles-claim} (a list, or a string of names separated by spaces; a dotted path reaches into
 * objects, as Keycloak's {@code realm_access.roles}). Other values of the claim are the provider's own business and are
 * left out; a token without any of the hub's roles authenticates but may do nothing.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] claimPath;

    JwtRoles(String rolesClaim) {
        this.claimPath = rolesClaim.split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
        return new JwtAuthenticationToken(jwt, authorities(jwt), name);
    }

    private Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object claim = jwt.getClaims();
        for (String step : claimPath) {
            claim = claim instanceof Map<?, ?> object ? object.get(step) : null;
        }
        List<Object> names = new ArrayList<>();
        if (claim instanceof Collection<?> list) {
            names.addAll(list);
        } else if (claim instanceof String text) {
            names.addAll(List.of(text.trim().split("\\s+")));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Object name : names) {
            ApiRole.named(String.valueOf(name)).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        return authorities;
    }
}
