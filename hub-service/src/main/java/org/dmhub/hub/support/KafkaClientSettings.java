package org.dmhub.hub.support;

import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The settings every Kafka client of the hub starts from: Spring Boot's {@code spring.kafka.*} (the brokers and, in
 * the secure mode, the security protocol, the trusted certificates and the hub's login), the same for the hub's own
 * producers and admin clients as for its Kafka Streams, so that none connects otherwise.
 */
public record KafkaClientSettings(Map<String, Object> producer, Map<String, Object> admin) {

    public KafkaClientSettings {
        producer = Map.copyOf(producer);
        admin = Map.copyOf(admin);
    }

    public static KafkaClientSettings of(KafkaProperties kafka) {
        return new KafkaClientSettings(kafka.buildProducerProperties(), kafka.buildAdminProperties());
    }

    /** The settings' names only: their values hold the hub's login. */
    @Override
    public String toString() {
        return "KafkaClientSettings[producer=" + producer.keySet() + ", admin=" + admin.keySet() + "]";
    }
}
