package org.dmhub.hub.catalog;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.contract.RegistryAvroDeserializer;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StoreDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog topics as global stores: every hub instance holds the whole framework, in a store and in the shared
 * {@link Catalog} (for the stream threads, without decoding on every lookup). Records are kept as received and
 * decoded here, so that a record that is not what its topic holds is left out and reported instead of stopping
 * the hub: anyone allowed to write a catalog topic could otherwise halt every instance, on every restart.
 */
public final class CatalogTables {

    private static final Logger log = LoggerFactory.getLogger(CatalogTables.class);

    /** The global stores of the three catalog topics. */
    public record Stores(StoreDefinition<byte[]> indicators, StoreDefinition<byte[]> areas, StoreDefinition<byte[]> departments) {
    }

    private final Topics topics;
    private final RegistrySerdes serdes;
    private final Catalog catalog;
    private final HubMetrics metrics;
    private final Stores stores;

    public CatalogTables(Topics topics, RegistrySerdes serdes, Catalog catalog, HubMetrics metrics, Stores stores) {
        this.topics = topics;
        this.serdes = serdes;
        this.catalog = catalog;
        this.metrics = metrics;
        this.stores = stores;
    }

    public void addTo(StreamsBuilder builder) {
        globalStore(builder, topics.indicators(), stores.indicators(), catalog::putIndicators);
        globalStore(builder, topics.areas(), stores.areas(), catalog::putAreas);
        globalStore(builder, topics.departments(), stores.departments(), catalog::putDepartments);
    }

    private <V extends SpecificRecord> void globalStore(StreamsBuilder builder, TopicDefinition<V> topic, StoreDefinition<byte[]> store,
            Consumer<Map<String, V>> onChange) {
        builder.addGlobalStore(store.builder(), topic.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + store.name()),
                () -> new CatalogUpdater<>(topic, store.name(), serdes.valueSerde(topic).deserializer(), onChange));
    }

    /** Keeps the store equal to its topic, and the shared catalog equal to the store (including after a restore). */
    private final class CatalogUpdater<V extends SpecificRecord> implements Processor<String, byte[], Void, Void> {
        private final TopicDefinition<V> topic;
        private final String storeName;
        private final Deserializer<V> deserializer;
        private final Consumer<Map<String, V>> onChange;
        private KeyValueStore<String, byte[]> store;

        CatalogUpdater(TopicDefinition<V> topic, String storeName, Deserializer<V> deserializer, Consumer<Map<String, V>> onChange) {
            this.topic = topic;
            this.storeName = storeName;
            this.deserializer = deserializer;
            this.onChange = onChange;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
            // the whole store in one snapshot, not one snapshot per record
            Map<String, V> restored = new HashMap<>();
            try (KeyValueIterator<String, byte[]> entries = store.all()) {
                while (entries.hasNext()) {
                    KeyValue<String, byte[]> entry = entries.next();
                    V value = decode(entry.key, entry.value, "restored from the store");
                    if (value != null) {
                        restored.put(entry.key, value);
                    }
                }
            }
            onChange.accept(restored);
            log.info("{}: {} records restored into the framework", topic.name(), restored.size());
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                skip("a record without a key", "at " + record.timestamp());
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                onChange.accept(Collections.singletonMap(record.key(), null));
                log.info("{}: {} removed from the framework", topic.name(), abbreviated(record.key()));
                return;
            }
            V value = decode(record.key(), record.value(), "sent at " + record.timestamp());
            if (value != null) {
                store.put(record.key(), record.value());
                onChange.accept(Collections.singletonMap(record.key(), value));
                log.debug("{}: {} changed", topic.name(), record.key());
            }
        }

        /** The decoded value, or null when the bytes are not a {@code V} (the record is then left out and reported). */
        private V decode(String key, byte[] bytes, String where) {
            try {
                return deserializer.deserialize(topic.name(), bytes);
            } catch (RegistryAvroDeserializer.RegistryUnavailableException unavailable) {
                // not the record's fault: the framework cannot be read until the registry answers again
                throw unavailable;
            } catch (RuntimeException notAValue) {
                skip("key " + abbreviated(key), where + ": " + notAValue.getMessage());
                return null;
            }
        }

        private void skip(String record, String why) {
            String description = topic.name() + ", " + record + ", left out of the framework (not a "
                    + topic.valueType().getSimpleName() + "): " + why;
            log.warn("{}", description);
            catalog.skipped(description);
            metrics.catalogRecordSkipped(topic.name());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "… (" + text.length() + " characters)";
    }
}
