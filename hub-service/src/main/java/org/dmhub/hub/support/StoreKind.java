package org.dmhub.hub.support;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Where the hub keeps its working state. Either way every change is also written to a changelog topic, from which
 * a restarted or new instance rebuilds it.
 */
public enum StoreKind {
    /**
     * In the heap: the faster (hub-service/README.md, Throughput), at the price of rebuilding the state from its
     * changelog at each start. A province's consolidated values (indicators × areas × periods) fit in memory many
     * times over.
     */
    IN_MEMORY,
    /** On local disk (RocksDB): restarts are quick, throughput lower, state not bounded by the heap. */
    PERSISTENT;

    public KeyValueBytesStoreSupplier supplier(String name) {
        return this == IN_MEMORY ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
