package org.dmhub.hub.access;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the hub gives the broker's principals their logins and rights in the secure mode
 * ({@code dmhub.security.broker.*}, read when {@code dmhub.security.enabled=true}). The hub's own Kafka login and the
 * broker's TLS settings are Spring Boot's {@code spring.kafka.*}, shared by every Kafka client of the hub.
 *
 * @param adminUsername the focal point's Kafka user, a super user of the broker: the hub logs in as it only to create
 *     and remove principals and ACLs
 * @param adminPasswordFile the file holding that user's password (readable by its owner only)
 * @param credentialsDir where the passwords of the departments and the national consumers are: {@code <principal>.password},
 *     taken as they are when present, generated (and written readable by the owner only) otherwise
 * @param nationalConsumers the principals of the national systems, who may read the national aggregates only
 * @param hubPrincipal the hub's own Kafka user; by default the user name of its SASL login
 *     ({@code spring.kafka.properties.sasl.jaas.config})
 */
@ConfigurationProperties("dmhub.security.broker")
public record BrokerSecurityProperties(String adminUsername, Path adminPasswordFile, Path credentialsDir,
        @DefaultValue("national") List<String> nationalConsumers, String hubPrincipal) {
}
