package org.dmhub.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.types.RuleType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.SchemaRelease;
import org.dmhub.contract.Topics;
import org.dmhub.hub.HubProperties;
import org.dmhub.testsupport.SecureSchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The secure mode's registry wiring against a real secure registry: what the hub deploys, and with which serdes it writes. */
class SecureRegistryConfigurationIT {

    @RegisterExtension
    static final SecureSchemaRegistryExtension registry = new SecureSchemaRegistryExtension();

    private static final Topics TOPICS = Topics.withDefaultPrefix();

    /** What the hub's own configuration gives beside: the contract's topics and the open mode's serdes. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({HubProperties.class, RegistrySecurityProperties.class})
    static class HubBeans {
        @Bean
        Topics topics() {
            return TOPICS;
        }

        @Bean
        RegistrySerdes registrySerdes(HubProperties properties) {
            return new RegistrySerdes(properties.registryUrl());
        }
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(HubBeans.class, SecureRegistryConfiguration.class)
            .withPropertyValues("dmhub.registry-url=" + registry.baseUrl());

    @Test
    void withoutTheSecureModeNothingChanges() {
        hub.run(context -> {
            assertThat(context).doesNotHaveBean(SchemaDeployment.class);
            assertThat(context.getBean(RegistrySerdes.class).autoRegister()).isTrue();
        });
    }

    @Test
    void theSecureHubDeploysTheSharedSubjectsAtStartAndADepartmentsWhenAskedAndWritesWithoutRegistering() {
        hub.withPropertyValues("dmhub.security.enabled=true",
                "dmhub.security.registry.client-id=" + SecureSchemaRegistryExtension.HUB,
                "dmhub.security.registry.client-secret-file=" + registry.identityProvider().secretFile(SecureSchemaRegistryExtension.HUB),
                "dmhub.security.registry.focal-point-client-secret-file="
                        + registry.identityProvider().secretFile(SecureSchemaRegistryExtension.FOCAL_POINT))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RegistrySerdes serdes = context.getBean(RegistrySerdes.class);
                    assertThat(serdes.autoRegister()).isFalse();
                    assertThat(serdes.login().clientId()).isEqualTo(SecureSchemaRegistryExtension.HUB);
                    var client = serdes.registryClient();
                    for (var topic : TOPICS.sharedTopics()) {
                        assertThat(client.getArtifactRuleConfig(SchemaRelease.GROUP, topic.name() + "-value", RuleType.COMPATIBILITY)
                                .getConfig()).isEqualTo("BACKWARD");
                        serdes.requireRegistered(topic);
                    }
                    assertThat(subjects()).doesNotContain(TOPICS.observations("SGTVT").name());

                    SchemaRelease.Deployment deployment = context.getBean(SchemaDeployment.class).registerDepartments(Set.of("SGTVT"));

                    assertThat(deployment.subjects()).extracting(SchemaRelease.SubjectChange::subject)
                            .containsExactly(TOPICS.observations("SGTVT").name() + "-value", TOPICS.receipts("SGTVT").name() + "-value");
                    serdes.requireRegistered(TOPICS.observations("SGTVT"));
                    serdes.requireRegistered(TOPICS.receipts("SGTVT"));
                });
    }

    @Test
    void theSecureHubWithoutTheFocalPointsSecretDoesNotStartAndSaysWhichPropertyIsMissing() {
        hub.withPropertyValues("dmhub.security.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("dmhub.security.registry.focal-point-client-secret-file is not set");
        });
    }

    private static String subjects() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
