package org.dmhub.contract;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.rest.client.auth.BasicAuth;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
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
 * <p>In the hub's secure mode nothing registers a schema on the way: the focal point registers a release's schemas
 * ({@link SchemaRelease}), and serializers {@linkplain #withoutAutoRegistration() only look up} the id of the version
 * they write, failing with {@link SchemaNotRegisteredException} when it is not there.
 *
 * @param registryUrl the schema registry's base URL, e.g. {@code http://127.0.0.1:18081}
 * @param login the client's registry login, null to call the registry anonymously
 * @param autoRegister true when a serializer registers its schema under the topic's subject if it is not there yet
 */
public record RegistrySerdes(String registryUrl, RegistryLogin login, boolean autoRegister) {

    public RegistrySerdes {
        if (registryUrl == null || !registryUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("the schema registry URL must start with http:// or https://: " + registryUrl);
        }
        registryUrl = registryUrl.replaceAll("/+$", "");
    }

    /** Anonymous, registering schemas as they are first written: the hub without its secure mode. */
    public RegistrySerdes(String registryUrl) {
        this(registryUrl, null, true);
    }

    /** The same, calling the registry with {@code login}. */
    public RegistrySerdes withLogin(RegistryLogin login) {
        return new RegistrySerdes(registryUrl, login, autoRegister);
    }

    /** The same, with serializers that never register a schema, only find the version registered by a release. */
    public RegistrySerdes withoutAutoRegistration() {
        return new RegistrySerdes(registryUrl, login, false);
    }

    /** A client of the registry's API, logged in as {@link #login()}. */
    public RegistryClient registryClient() {
        return registryClient(serdeConfig());
    }

    /** A client of the registry's API as the serde settings {@code configs} describe it (URL and login). */
    static RegistryClient registryClient(Map<String, ?> configs) {
        String url = (String) configs.get(SerdeConfig.REGISTRY_URL);
        Object username = configs.get(SerdeConfig.AUTH_USERNAME);
        Object password = configs.get(SerdeConfig.AUTH_PASSWORD);
        return username == null ? RegistryClientFactory.create(url)
                : RegistryClientFactory.create(url, Map.of(), new BasicAuth(username.toString(), String.valueOf(password)));
    }

    /**
     * Checks that the version of the topic's value schema this program writes is registered, so that a client that may
     * not register it fails before it sends anything.
     *
     * @throws SchemaNotRegisteredException when it is not
     */
    public void requireRegistered(TopicDefinition<?> topic) {
        registeredContentId(registryClient(), topic.name(), SpecificData.get().getSchema(topic.valueType()));
    }

    /**
     * The content id, as the wire format carries it, of the version registered under {@code <topic>-value} with the
     * same content as {@code schema} (compared in the registry's canonical form).
     *
     * @throws SchemaNotRegisteredException when there is none
     */
    static int registeredContentId(RegistryClient registry, String topic, Schema schema) {
        try {
            return Math.toIntExact(registry.getArtifactVersionMetaDataByContent(SchemaRelease.GROUP, topic + "-value", true,
                    new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8))).getContentId());
        } catch (NotFoundException notRegistered) {
            throw new SchemaNotRegisteredException(topic, schema.getFullName(), notRegistered);
        }
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
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        if (login != null) {
            // HTTP Basic: the registry exchanges the client's id and secret for a token at the identity provider
            config.put(SerdeConfig.AUTH_USERNAME, login.clientId());
            config.put(SerdeConfig.AUTH_PASSWORD, login.secret());
        }
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
