package org.dmhub.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

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
        if (!Files.isRegularFile(secretFile)) {
            throw new IllegalArgumentException("the registry secret file " + secretFile + " of client " + clientId + " does not exist");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(secretFile, PosixFileAttributeView.class);
        try {
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                permissions.retainAll(OTHERS);
                if (!permissions.isEmpty()) {
                    throw new IllegalArgumentException("the registry secret file " + secretFile + " may be read or written by others"
                            + " than its owner (chmod 600 " + secretFile + ")");
                }
            }
            String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("the registry secret file " + secretFile + " is empty");
            }
            return new RegistryLogin(clientId, secret);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the registry secret file " + secretFile + ": " + e.getMessage(), e);
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
