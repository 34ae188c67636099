package org.dmhub.contract;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.dmhub.secrets.OwnerOnlyFiles;

/**
 * A client's login to the schema registry in the hub's secure mode: its client id and secret at the identity provider.
 * They travel as HTTP Basic credentials, which the registry exchanges for a token carrying the client's roles.
 */
public record RegistryLogin(String clientId, String secret) {

    /** The environment variable naming the client ({@code focal-point}, {@code dmhub-hub}, ...). */
    public static final String CLIENT_ID_VARIABLE = "DMHUB_REGISTRY_CLIENT_ID";
    /** The environment variable naming a file that holds the client's secret (readable by its owner only). */
    public static final String SECRET_FILE_VARIABLE = "DMHUB_REGISTRY_CLIENT_SECRET_FILE";
    /** The environment variable holding the client's secret itself (when no file is given). */
    public static final String SECRET_VARIABLE = "DMHUB_REGISTRY_CLIENT_SECRET";

    public RegistryLogin {
        if (clientId == null || clientId.isBlank() || clientId.contains(":")) {
            throw new IllegalArgumentException("a registry client id must not be empty nor hold ':': '" + clientId + "'");
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the registry secret of client " + clientId + " is empty");
        }
    }

    /**
     * The login of {@code clientId} with the secret in {@code secretFile} (surrounding white space ignored).
     *
     * @throws IllegalArgumentException when the file is missing, empty or readable by others than its owner
     */
    public static RegistryLogin fromFile(String clientId, Path secretFile) {
        try {
            return new RegistryLogin(clientId, OwnerOnlyFiles.read(secretFile, "the registry secret file of client " + clientId).strip());
        } catch (IllegalStateException refused) {
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
    }

    /**
     * The login given by {@value #CLIENT_ID_VARIABLE} and {@value #SECRET_FILE_VARIABLE} (or {@value #SECRET_VARIABLE});
     * null when no client id is set.
     */
    public static RegistryLogin fromEnvironment(Map<String, String> environment) {
        String clientId = environment.get(CLIENT_ID_VARIABLE);
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        String secretFile = environment.get(SECRET_FILE_VARIABLE);
        if (secretFile != null && !secretFile.isBlank()) {
            return fromFile(clientId, Path.of(secretFile));
        }
        String secret = environment.get(SECRET_VARIABLE);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(CLIENT_ID_VARIABLE + " is set, but neither " + SECRET_FILE_VARIABLE + " nor "
                    + SECRET_VARIABLE + " gives its secret");
        }
        return new RegistryLogin(clientId, secret);
    }

    @Override
    public String toString() {
        return "RegistryLogin[clientId=" + clientId + "]";
    }
}
