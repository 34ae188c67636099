package org.dmhub.hub.catalog;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.springframework.stereotype.Component;

/** The catalog topics as global tables: every hub instance holds the whole framework. */
@Component
public class CatalogTables {

    public static final String INDICATORS_STORE = "catalog-indicators";
    public static final String AREAS_STORE = "catalog-areas";
    public static final String DEPARTMENTS_STORE = "catalog-departments";

    private final Topics topics;
    private final RegistrySerdes serdes;

    public CatalogTables(Topics topics, RegistrySerdes serdes) {
        this.topics = topics;
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder) {
        globalTable(builder, topics.indicators(), INDICATORS_STORE);
        globalTable(builder, topics.areas(), AREAS_STORE);
        globalTable(builder, topics.departments(), DEPARTMENTS_STORE);
    }

    private <V extends SpecificRecord> GlobalKTable<String, V> globalTable(StreamsBuilder builder, TopicDefinition<V> topic,
            String storeName) {
        return builder.globalTable(topic.name(),
                Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)).withName("read-" + storeName),
                Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                        .withKeySerde(serdes.keySerde())
                        .withValueSerde(serdes.valueSerde(topic)));
    }
}
