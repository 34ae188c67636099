package org.dmhub.hub.registry;

import java.nio.file.Path;
import org.dmhub.contract.RegistryLogin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's logins to the schema registry in the secure mode ({@code dmhub.security.enabled=true}), under
 * {@code dmhub.security.registry}. Secrets are read from files that only the hub's user may read.
 *
 * @param clientId the hub's own registry client, for reading schemas; unset to read anonymously (the registry
 *     allows anonymous reads)
 * @param clientSecretFile the file holding that client's secret
 * @param focalPointClientId the focal point's client (role {@code sr-admin}), with which the hub deploys the release's
 *     schemas: the shared subjects at start, a new department's two subjects when the framework adds it
 * @param focalPointClientSecretFile the file holding the focal point's secret
 */
@ConfigurationProperties("dmhub.security.registry")
public record RegistrySecurityProperties(String clientId, Path clientSecretFile,
        @DefaultValue("focal-point") String focalPointClientId, Path focalPointClientSecretFile) {

    private static final String PREFIX = "dmhub.security.registry.";

    /** The hub's own login, or null to read anonymously. */
    public RegistryLogin hubLogin() {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        return login(clientId, clientSecretFile, "client-id", "client-secret-file");
    }

    /** The focal point's login, which deploying a release needs. */
    public RegistryLogin focalPointLogin() {
        return login(focalPointClientId, focalPointClientSecretFile, "focal-point-client-id", "focal-point-client-secret-file");
    }

    private static RegistryLogin login(String clientId, Path secretFile, String idProperty, String fileProperty) {
        if (secretFile == null) {
            throw new IllegalArgumentException(PREFIX + fileProperty + " is not set: in the secure mode it names the file holding the"
                    + " registry secret of client " + clientId + " (" + PREFIX + idProperty + ")");
        }
        try {
            return RegistryLogin.fromFile(clientId, secretFile);
        } catch (IllegalArgumentException unusable) {
            throw new IllegalArgumentException(PREFIX + fileProperty + ": " + unusable.getMessage(), unusable);
        }
    }
}
