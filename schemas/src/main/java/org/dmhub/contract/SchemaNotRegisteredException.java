package org.dmhub.contract;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A client that may not register schemas (the hub's secure mode) found no registered version of its value schema
 * under the topic's subject: the focal point has not deployed the release that holds it.
 */
public final class SchemaNotRegisteredException extends SerializationException {

    SchemaNotRegisteredException(String topic, String schemaName, Throwable cause) {
        super("the schema registry has no version of " + schemaName + " as this program writes it under subject " + topic
                + "-value: the focal point must deploy the release (register its schemas) before anything is published to "
                + topic, cause);
    }
}
