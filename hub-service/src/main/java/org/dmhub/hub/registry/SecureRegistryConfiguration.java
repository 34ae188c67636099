package org.dmhub.hub.registry;

import org.dmhub.contract.RegistryLogin;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.SchemaRelease;
import org.dmhub.contract.Topics;
import org.dmhub.hub.HubProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The schema registry in the hub's secure mode: the hub's serdes register nothing (they find the release's ids, with
 * the hub's own login if it has one), replacing the registering ones of the open mode; and the release's schemas are
 * deployed with the focal point's login when the hub starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "dmhub.security.enabled")
@ConditionalOnBooleanProperty(name = "dmhub.security.registry.enabled", matchIfMissing = true)
class SecureRegistryConfiguration {

    @Bean
    @Primary
    RegistrySerdes secureRegistrySerdes(HubProperties properties, RegistrySecurityProperties registry) {
        RegistrySerdes serdes = new RegistrySerdes(properties.registryUrl()).withoutAutoRegistration();
        RegistryLogin hubLogin = registry.hubLogin();
        return hubLogin == null ? serdes : serdes.withLogin(hubLogin);
    }

    /** Deploys the shared subjects now, before the hub's streams and publishers write any record. */
    @Bean
    SchemaDeployment schemaDeployment(HubProperties properties, Topics topics, RegistrySecurityProperties registry) {
        SchemaDeployment deployment = new SchemaDeployment(new SchemaRelease(
                new RegistrySerdes(properties.registryUrl()).withLogin(registry.focalPointLogin()), topics));
        deployment.deployShared();
        return deployment;
    }
}
