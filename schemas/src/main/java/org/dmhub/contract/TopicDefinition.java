package org.dmhub.contract;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the contract: its name, the Avro type of its values (keys are always UTF-8 strings) and the
 * topic configuration it must be created with.
 */
public record TopicDefinition<V extends SpecificRecord>(String name, Class<V> valueType, Map<String, String> configs) {

    public TopicDefinition {
        configs = Map.copyOf(configs);
    }

    public boolean isCompacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
