package org.dmhub.connector.cli;

import java.nio.file.Path;
import java.util.Map;
import org.dmhub.connector.KafkaCredentials;

/**
 * Where the hub's broker and registry are and who is publishing.
 *
 * @param source the name of the sending system written on every observation
 * @param spool the folder of the durable spool (observations not yet acknowledged by the broker)
 * @param credentials the department's login in the hub's secure mode; null otherwise
 */
public record ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool,
        KafkaCredentials credentials) {

    public ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool) {
        this(bootstrapServers, registryUrl, department, source, spool, null);
    }

    /** The secure mode's client settings; none without credentials. */
    public Map<String, Object> clientConfig() {
        return credentials == null ? Map.of() : credentials.clientConfig();
    }
}
