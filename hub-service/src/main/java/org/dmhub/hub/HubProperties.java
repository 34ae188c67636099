package org.dmhub.hub;

import java.time.Duration;
import org.dmhub.hub.support.StoreKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code dmhub.*} in application.yml). Kafka and Kafka Streams settings are Spring Boot's
 * {@code spring.kafka.*}.
 *
 * @param topicPrefix prefix of every contract topic name
 * @param registryUrl base URL of the schema registry
 * @param advertisedHost the host name other hub instances reach this one's API at (Kafka Streams' application.server)
 * @param topics how the hub creates the contract topics it finds missing
 */
@ConfigurationProperties("dmhub")
public record HubProperties(
        @DefaultValue("dmhub.") String topicPrefix,
        @DefaultValue("http://127.0.0.1:18081") String registryUrl,
        @DefaultValue("127.0.0.1") String advertisedHost,
        @DefaultValue TopicCreation topics,
        @DefaultValue Rollup rollup) {

    /**
     * @param emitInterval how often changed indicator-periods are rolled up and published: values are published once
     *     per interval at most, however many observations changed them
     * @param stores where consolidated values and roll-up state are kept
     * @param viewGeneration raised by one each time the view is rebuilt from the observation topics, so that the
     *     revisions of rebuilt values are higher than any published before
     */
    public record Rollup(@DefaultValue("1s") Duration emitInterval, @DefaultValue("IN_MEMORY") StoreKind stores,
            @DefaultValue("0") int viewGeneration) {
    }

    /**
     * @param partitions partitions of the observation, view and status topics (the unit of scale-out)
     * @param replicationFactor 1 for a single local broker; 3 in production
     */
    public record TopicCreation(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
    }
}
