package org.dmhub.hub.catalog;

import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;

/**
 * The catalog topics as global stores: every hub instance holds the whole framework, in a store (for queries) and
 * in the shared {@link Catalog} (for the stream threads, without decoding on every lookup).
 */
public final class CatalogTables {

    public static final String INDICATORS_STORE = "catalog-indicators";
    public static final String AREAS_STORE = "catalog-areas";
    public static final String DEPARTMENTS_STORE = "catalog-departments";

    private final Topics topics;
    private final RegistrySerdes serdes;
    private final Catalog catalog;

    public CatalogTables(Topics topics, RegistrySerdes serdes, Catalog catalog) {
        this.topics = topics;
        this.serdes = serdes;
        this.catalog = catalog;
    }

    public void addTo(StreamsBuilder builder) {
        globalStore(builder, topics.indicators(), INDICATORS_STORE, catalog::putIndicator);
        globalStore(builder, topics.areas(), AREAS_STORE, catalog::putArea);
        globalStore(builder, topics.departments(), DEPARTMENTS_STORE, catalog::putDepartment);
    }

    private <V extends SpecificRecord> void globalStore(StreamsBuilder builder, TopicDefinition<V> topic, String storeName,
            BiConsumer<String, V> onChange) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), serdes.keySerde(), serdes.valueSerde(topic))
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)).withName("read-" + storeName),
                () -> new CatalogUpdater<>(storeName, onChange));
    }

    /** Keeps the store equal to its topic, and the shared catalog equal to the store (including after a restore). */
    private static final class CatalogUpdater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final BiConsumer<String, V> onChange;
        private KeyValueStore<String, V> store;

        CatalogUpdater(String storeName, BiConsumer<String, V> onChange) {
            this.storeName = storeName;
            this.onChange = onChange;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
            try (KeyValueIterator<String, V> restored = store.all()) {
                restored.forEachRemaining(entry -> onChange.accept(entry.key, entry.value));
            }
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            onChange.accept(record.key(), record.value());
        }
    }
}
