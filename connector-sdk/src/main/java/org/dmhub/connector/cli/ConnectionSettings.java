package org.dmhub.connector.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.dmhub.connector.KafkaCredentials;
import org.dmhub.contract.Topics;

/**
 * Where the hub's broker and registry are and who is publishing.
 *
 * @param source the name of the sending system written on every observation
 * @param spool the folder of the durable spool (observations not yet acknowledged by the broker)
 * @param credentials the department's login in the hub's secure mode; null otherwise
 * @param topics the hub's topics, under the prefix the hub was configured with ({@code dmhub.topic-prefix})
 */
public record ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool,
        KafkaCredentials credentials, Topics topics) {

    public ConnectionSettings {
        Objects.requireNonNull(topics, "topics");
    }

    /** Settings of the hub's default topic prefix. */
    public ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool,
            KafkaCredentials credentials) {
        this(bootstrapServers, registryUrl, department, source, spool, credentials, Topics.withDefaultPrefix());
    }

    /** Settings of the hub's default topic prefix, outside the secure mode. */
    public ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool) {
        this(bootstrapServers, registryUrl, department, source, spool, null);
    }

    /** The secure mode's client settings; none without credentials. */
    public Map<String, Object> clientConfig() {
        return credentials == null ? Map.of() : credentials.clientConfig();
    }
}
