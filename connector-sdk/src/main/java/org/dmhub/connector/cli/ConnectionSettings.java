package org.dmhub.connector.cli;

/**
 * Where the hub's broker and registry are and who is publishing.
 *
 * @param source the name of the sending system written on every observation
 */
public record ConnectionSettings(String bootstrapServers, String registryUrl, String department, String source) {
}
