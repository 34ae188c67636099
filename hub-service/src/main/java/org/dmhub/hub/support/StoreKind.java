package org.dmhub.hub.support;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Where the hub keeps its working state. Either way every change is also written to a changelog topic, from which
 * a restarted or new instance rebuilds it.
 */
public enum StoreKind {
    /**
     * In the heap: faster per observation, at the price of rebuilding the state from its changelog at each start and
     * of a heap that grows with the state (about 1.8 GB resident for a million unit-periods, docs/benchmarks.md).
     */
    IN_MEMORY,
    /**
     * On local disk (RocksDB), the default: restarts are quick and the state is bounded by the disk, not the memory;
     * every store shares one budget of memory outside the heap ({@link BoundedStoreMemory}).
     */
    PERSISTENT;

    public KeyValueBytesStoreSupplier supplier(String name) {
        return this == IN_MEMORY ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
