package org.dmhub.identity;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Writes a client's roles into its access tokens as the claim {@value #NAME} (a list of strings), where the schema
 * registry reads them ({@code quarkus.oidc.roles.role-claim-path=roles}).
 */
final class RolesClaim implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String NAME = "roles";

    @Override
    public void customize(JwtEncodingContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            List<String> roles = context.getRegisteredClient().getClientSettings().getSetting(RegisteredClients.ROLES_SETTING);
            context.getClaims().claim(NAME, roles == null ? List.of() : roles);
        }
    }
}
