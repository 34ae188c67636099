package org.dmhub.hub.support;

import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of record a processor stage forwards, and the name of its branch in the topology. A stage forwards each
 * type of record through one output only, so the type says which output a record belongs to.
 */
public record StageOutput<V extends SpecificRecord>(String name, Class<V> type) {
}
