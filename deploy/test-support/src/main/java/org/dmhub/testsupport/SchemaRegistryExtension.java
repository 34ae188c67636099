package org.dmhub.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real schema registry process for a test class:
 * {@code @RegisterExtension static final SchemaRegistryExtension registry = new SchemaRegistryExtension();}
 */
public final class SchemaRegistryExtension implements BeforeAllCallback, AfterAllCallback {

    private RegistryProcess registry;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = RegistryProcess.startInTempDir();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registry.close();
    }

    public String baseUrl() {
        return registry.baseUrl();
    }

    public String ccompatUrl() {
        return registry.ccompatUrl();
    }
}
