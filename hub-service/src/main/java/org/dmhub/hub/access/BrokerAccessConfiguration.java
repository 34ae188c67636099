package org.dmhub.hub.access;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.dmhub.hub.receipts.ReceiptTopicsWatcher;
import org.dmhub.hub.supervision.DeadLetters;
import org.dmhub.hub.supervision.InternalTopicPartitions;
import org.dmhub.hub.support.KafkaClientSettings;
import org.dmhub.secrets.OwnerOnlyFiles;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The secure mode's principals at the broker ({@code dmhub.security.enabled=true}): the hub's own and the national
 * consumers' at startup, the departments' with every framework applied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "dmhub.security.enabled")
@ConditionalOnBooleanProperty(name = "dmhub.security.broker.enabled", matchIfMissing = true)
class BrokerAccessConfiguration {

    private static final String STANDING_PRINCIPALS = "standingPrincipals";

    @Bean
    AccessPolicy accessPolicy(Topics topics, KafkaProperties kafka, BrokerSecurityProperties security) {
        String hubUser = security.hubPrincipal() != null ? security.hubPrincipal() : hubLogin(kafka)
                .map(ScramLogin::username)
                .orElseThrow(() -> new IllegalStateException("the secure mode needs the hub's own Kafka login: set "
                        + "spring.kafka.properties.sasl.jaas.config (from a file of its owner only, see docs/security.md)"
                        + " or name its user with dmhub.security.broker.hub-principal"));
        return new AccessPolicy(topics, required(security.adminUsername(), "admin-username"), hubUser,
                kafka.getStreams().getApplicationId(), security.nationalConsumers());
    }

    @Bean
    BrokerIdentities brokerIdentities(KafkaClientSettings clients, BrokerSecurityProperties security) {
        Object protocol = clients.admin().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (protocol == null || !String.valueOf(protocol).toUpperCase(Locale.ROOT).startsWith("SASL_")) {
            throw new IllegalStateException("the secure mode needs spring.kafka.security.protocol=SASL_SSL (it is "
                    + (protocol == null ? "not set" : protocol) + ")");
        }
        if (security.adminPasswordFile() == null) {
            throw new IllegalStateException("dmhub.security.broker.admin-password-file is not set: name the file holding the"
                    + " password of the focal point's Kafka user");
        }
        String adminPassword = OwnerOnlyFiles.firstLine(security.adminPasswordFile(), "dmhub.security.broker.admin-password-file");
        return new BrokerIdentities(clients.admin(), required(security.adminUsername(), "admin-username"), adminPassword,
                new CredentialsStore(security.credentialsDir()));
    }

    @Bean(STANDING_PRINCIPALS)
    StandingPrincipals standingPrincipals(AccessPolicy policy, BrokerIdentities identities, KafkaProperties kafka) {
        return new StandingPrincipals(policy, identities,
                hubLogin(kafka).filter(login -> login.username().equals(policy.hubUser())).orElse(null));
    }

    @Bean
    CatalogPublisher.DepartmentIdentities departmentPrincipals(AccessPolicy policy, BrokerIdentities identities) {
        return new DepartmentPrincipals(policy, identities);
    }

    /**
     * The beans that talk to the broker as the hub while the application starts wait until the hub has its login and
     * rights: the internal topics' partitions are read at once, the receipts topics checked straight away, the dead
     * letters' producer connects when it is made.
     */
    @Bean
    static BeanFactoryPostProcessor brokerClientsAfterStandingPrincipals() {
        return factory -> {
            for (Class<?> type : new Class<?>[] {InternalTopicPartitions.class, ReceiptTopicsWatcher.class, DeadLetters.class}) {
                for (String name : factory.getBeanNamesForType(type, true, false)) {
                    BeanDefinition definition = factory.getBeanDefinition(name);
                    Set<String> dependsOn = new LinkedHashSet<>();
                    if (definition.getDependsOn() != null) {
                        dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
                    }
                    dependsOn.add(STANDING_PRINCIPALS);
                    definition.setDependsOn(dependsOn.toArray(String[]::new));
                }
            }
        };
    }

    private static Optional<ScramLogin> hubLogin(KafkaProperties kafka) {
        return ScramLogin.of(kafka.getProperties().get(SaslConfigs.SASL_JAAS_CONFIG));
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("dmhub.security.broker." + property + " is not set");
        }
        return value;
    }
}
