package org.dmhub.contract;

import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place that configures how values travel on the contract's topics: Avro in the Confluent wire format
 * (byte 0x00, a 4-byte big-endian schema id, Avro binary), with schemas registered under {@code <topic>-value}.
 * Producers, consumers and Kafka Streams all take their settings from here.
 *
 * @param registryUrl the schema registry's base URL, e.g. {@code http://127.0.0.1:18081}
 */
public record RegistrySerdes(String registryUrl) {

    public RegistrySerdes {
        if (registryUrl == null || !registryUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("the schema registry URL must start with http:// or https://: " + registryUrl);
        }
        registryUrl = registryUrl.replaceAll("/+$", "");
    }

    /** Apicurio's native API, used by the serdes. */
    public String registryApiUrl() {
        return registryUrl + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, for any Confluent client. */
    public String ccompatUrl() {
        return registryUrl + "/apis/ccompat/v7";
    }

    /** Serde settings, valid for producers, consumers and Kafka Streams alike. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registryApiUrl());
        // 4-byte ids in the payload and no headers: the Confluent wire format
        config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return config;
    }

    /**
     * A new, configured value serde for one topic. Create one per topic written: a serde instance caches the subject
     * it registered first.
     */
    public <V extends SpecificRecord> Serde<V> valueSerde(TopicDefinition<V> topic) {
        return valueSerde(topic.valueType());
    }

    /** A new, configured value serde for a value type, whatever topic it is used on. */
    public <V extends SpecificRecord> Serde<V> valueSerde(Class<V> type) {
        RegistryAvroSerializer<V> serializer = new RegistryAvroSerializer<>();
        serializer.configure(serdeConfig(), false);
        RegistryAvroDeserializer<V> deserializer = new RegistryAvroDeserializer<>(type);
        deserializer.configure(serdeConfig(), false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Keys on every contract topic are UTF-8 strings. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** Serializer settings to merge into a producer's configuration. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = serdeConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryAvroSerializer.class);
        return config;
    }

    /** Deserializer settings to merge into a consumer's configuration. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = serdeConfig();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RegistryAvroDeserializer.class);
        return config;
    }
}
