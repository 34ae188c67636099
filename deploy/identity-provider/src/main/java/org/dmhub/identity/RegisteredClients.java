package org.dmhub.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Turns the configured clients into the authorization server's registered clients: each logs in with its id and
 * secret (in the form or as HTTP Basic) for the {@code client_credentials} grant, and its roles go into its tokens.
 * A configuration that cannot work is refused with the name of the property at fault.
 */
final class RegisteredClients {

    /** The client setting that carries a client's roles to {@link RolesClaim}. */
    static final String ROLES_SETTING = "dmhub.roles";

    static final int MINIMUM_SECRET_LENGTH = 16;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final String PREFIX = "dmhub.identity.clients";

    private RegisteredClients() {
    }

    static List<RegisteredClient> from(IdentityProperties properties) {
        if (properties.accessTokenLifetime().isNegative() || properties.accessTokenLifetime().isZero()) {
            throw new IllegalArgumentException("dmhub.identity.access-token-lifetime must be positive: "
                    + properties.accessTokenLifetime());
        }
        if (properties.clients().isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ": no client is configured, so no one could log in");
        }
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenLifetime())
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        for (Map.Entry<String, IdentityProperties.Client> entry : properties.clients().entrySet()) {
            clients.add(registered(entry.getKey(), entry.getValue(), tokens));
        }
        return clients;
    }

    private static RegisteredClient registered(String clientId, IdentityProperties.Client client, TokenSettings tokens) {
        String property = PREFIX + "." + clientId;
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException(property + ": a client id may only hold letters, digits, '.', '_' and '-'");
        }
        if (client == null) {
            throw new IllegalArgumentException(property + ": give secret-file or secret-hash, and roles");
        }
        if (client.roles().isEmpty()) {
            throw new IllegalArgumentException(property + ".roles: at least one role is needed (e.g. sr-readonly)");
        }
        for (String role : client.roles()) {
            if (role == null || !ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException(property + ".roles: '" + role
                        + "' is not a role name (letters, digits, '.', '_', ':' and '-')");
            }
        }
        return RegisteredClient.withId(UUID.nameUUIDFromBytes(clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(clientId)
                .clientSecret(secretHash(client, property))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(ROLES_SETTING, List.copyOf(client.roles())).build())
                .tokenSettings(tokens)
                .build();
    }

    /** The secret as the authorization server keeps it: a bcrypt hash, never the secret itself. */
    private static String secretHash(IdentityProperties.Client client, String property) {
        if ((client.secretFile() == null) == (client.secretHash() == null)) {
            throw new IllegalArgumentException(property + ": give exactly one of secret-file and secret-hash");
        }
        if (client.secretHash() != null) {
            if (!BCRYPT_HASH.matcher(client.secretHash()).matches()) {
                throw new IllegalArgumentException(property + ".secret-hash: not a bcrypt hash of the form {bcrypt}$2a$10$..."
                        + " (make one with: java -jar dmhub-identity-provider.jar hash-secret < secret-file)");
            }
            return client.secretHash();
        }
        String secret = SecretFiles.read(client.secretFile(), property + ".secret-file");
        if (secret.length() < MINIMUM_SECRET_LENGTH) {
            throw new IllegalArgumentException(property + ".secret-file: the secret in " + client.secretFile() + " has fewer than "
                    + MINIMUM_SECRET_LENGTH + " characters");
        }
        return hash(secret);
    }

    static String hash(String secret) {
        return "{bcrypt}" + new BCryptPasswordEncoder().encode(secret);
    }
}
