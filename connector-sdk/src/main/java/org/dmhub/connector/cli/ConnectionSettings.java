package org.dmhub.connector.cli;

import java.nio.file.Path;

/**
 * Where the hub's broker and registry are and who is publishing.
 *
 * @param source the name of the sending system written on every observation
 * @param spool the folder of the durable spool (observations not yet acknowledged by the broker)
 */
public record ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source, Path spool) {
}
