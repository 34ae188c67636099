package org.dmhub.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider's configuration, under {@code dmhub.identity}.
 *
 * @param issuer the URL the provider is reached at, written as {@code iss} in every token; the registry checks it
 *     against the one it discovered. Null: taken from each request's URL (fine on one machine, set it otherwise)
 * @param signingKeyFile where the token signing key is kept (created, owner-only, on first start); null: a new key at
 *     every start, which makes every token issued before a restart unusable
 * @param accessTokenLifetime how long an access token is valid; longer than the registry's cache of exchanged tokens
 *     ({@code registry.auth.basic-auth-client-credentials.cache-expiration}, 10 minutes by default)
 * @param clients the registered clients by client id
 */
@ConfigurationProperties("dmhub.identity")
public record IdentityProperties(URI issuer, Path signingKeyFile, @DefaultValue("30m") Duration accessTokenLifetime,
        @DefaultValue Map<String, Client> clients) {

    /**
     * One client: a system that logs in with its client id and secret (grant {@code client_credentials}).
     *
     * @param secretFile a file holding the secret in plain text, readable by the provider's user only
     * @param secretHash or the secret's bcrypt hash, {@code {bcrypt}$2a$...} (see {@code hash-secret})
     * @param roles the roles written into the client's access tokens, e.g. {@code sr-admin}
     */
    public record Client(Path secretFile, String secretHash, @DefaultValue List<String> roles) {
    }
}
