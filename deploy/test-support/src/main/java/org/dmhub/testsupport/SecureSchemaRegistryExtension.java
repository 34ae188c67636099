package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One identity provider and one schema registry in the hub's secure mode for a test class:
 * {@code @RegisterExtension static final SecureSchemaRegistryExtension registry = new SecureSchemaRegistryExtension();}
 *
 * <p>Its clients are those of the local stack: {@value #FOCAL_POINT} ({@code sr-admin}), {@value #HUB} and
 * {@value #DEPARTMENT} ({@code sr-readonly}).
 */
public final class SecureSchemaRegistryExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String FOCAL_POINT = "focal-point";
    public static final String HUB = "dmhub-hub";
    /** A department's client, for what a department may not do. */
    public static final String DEPARTMENT = "dept-STC";

    private final Map<String, List<String>> clients = new LinkedHashMap<>();
    private IdentityProviderProcess identityProvider;
    private RegistryProcess registry;

    public SecureSchemaRegistryExtension() {
        clients.put(FOCAL_POINT, List.of("sr-admin"));
        clients.put(HUB, List.of("sr-readonly"));
        clients.put(DEPARTMENT, List.of("sr-readonly"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            Path dir = Files.createTempDirectory("dmhub-secure-registry-");
            identityProvider = IdentityProviderProcess.start(dir.resolve("identity"), clients);
            registry = RegistryProcess.startSecure(dir.resolve("registry"), identityProvider);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    public String baseUrl() {
        return registry.baseUrl();
    }

    public String ccompatUrl() {
        return registry.ccompatUrl();
    }

    public IdentityProviderProcess identityProvider() {
        return identityProvider;
    }

    /** The secret of one of the clients. */
    public String secret(String clientId) {
        return identityProvider.secret(clientId);
    }
}
