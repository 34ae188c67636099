package org.dmhub.hub.support;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A state store of the hub, keyed by text: its name (which names its changelog topic too, so it is kept across
 * versions), its values' serde, where it is kept, and whether the API reads it.
 *
 * @param cached whether writes go through Kafka Streams' record cache (worth it only where a key changes many times
 *     between commits)
 * @param logged whether changes go to a changelog topic; the catalog's global stores have their topics instead
 * @param queryable whether the API reads the store (interactive queries)
 */
public record StoreDefinition<V>(String name, Serde<V> valueSerde, StoreKind kind, boolean cached, boolean logged,
        boolean queryable) {

    /** A store of a stage's working state: logged, not cached, not read by the API. */
    public static <V> StoreDefinition<V> working(String name, Serde<V> valueSerde, StoreKind kind) {
        return new StoreDefinition<>(name, valueSerde, kind, false, true, false);
    }

    public StoreDefinition<V> withRecordCache() {
        return new StoreDefinition<>(name, valueSerde, kind, true, logged, queryable);
    }

    public StoreDefinition<V> withoutChangelog() {
        return new StoreDefinition<>(name, valueSerde, kind, cached, false, queryable);
    }

    public StoreDefinition<V> readByTheApi() {
        return new StoreDefinition<>(name, valueSerde, kind, cached, logged, true);
    }

    public StoreBuilder<KeyValueStore<String, V>> builder() {
        StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(kind.supplier(name), Serdes.String(), valueSerde);
        builder = cached ? builder.withCachingEnabled() : builder.withCachingDisabled();
        return logged ? builder : builder.withLoggingDisabled();
    }

    /** This store, as a processor connected to it sees it. */
    public KeyValueStore<String, V> in(ProcessorContext<?, ?> context) {
        return context.getStateStore(name);
    }
}
