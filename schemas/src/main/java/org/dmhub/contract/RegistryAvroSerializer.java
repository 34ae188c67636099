package org.dmhub.contract;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the Confluent wire format (0x00, 4-byte schema id, Avro binary). The first record of each topic and
 * schema goes through Apicurio's serializer, which registers the schema under {@code <topic>-value}; after that the
 * id is known, and records are written with Avro's own writer, without asking the registry again. Measured to
 * matter: the registry serializer spends most of its time looking the schema up for every record.
 *
 * <p>Without auto-registration (the hub's secure mode) the id is that of the version registered under
 * {@code <topic>-value} with the same content as the record's schema, and a schema not registered there throws
 * {@link SchemaNotRegisteredException}.
 */
public final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private record TopicSchema(String topic, Schema schema) {
    }

    /** The record itself cannot be written with its schema (a decimal beyond its precision, say): not a registry fault. */
    public static final class UnwritableRecordException extends SerializationException {
        UnwritableRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Pauses after each failed registration attempt: five attempts within about 4 seconds. */
    private static final long[] REGISTRATION_RETRY_PAUSES_MS = {100, 300, 900, 2700, 0};

    /**
     * One registering serializer per topic: Apicurio's remembers a schema by its content alone, so one instance
     * would register a schema under the first topic's subject only (a sink writing to one topic per department).
     */
    private final Map<String, AvroKafkaSerializer<T>> registering = new ConcurrentHashMap<>();
    private Map<String, ?> configs;
    private boolean isKey;
    private final Map<TopicSchema, byte[]> headers = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    /** Null when this serializer registers schemas: it only looks them up. */
    private RegistryClient lookups;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.configs = new HashMap<>(configs);
        this.isKey = isKey;
        Object autoRegister = configs.get(SerdeConfig.AUTO_REGISTER_ARTIFACT);
        this.lookups = autoRegister != null && Boolean.parseBoolean(autoRegister.toString()) ? null
                : RegistrySerdes.registryClient(configs);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        TopicSchema known = new TopicSchema(topic, schema);
        byte[] header = headers.get(known);
        if (header == null && lookups != null) {
            header = headers.computeIfAbsent(known, any -> wireHeader(RegistrySerdes.registeredContentId(lookups, topic, schema)));
        }
        if (header == null) {
            byte[] framed = registerAndSerialize(topic, data);
            headers.put(known, Arrays.copyOf(framed, 5));
            return framed;
        }
        try {
            return AvroBytes.write(header,
                    writers.computeIfAbsent(schema, any -> new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))), data);
        } catch (IOException | RuntimeException e) {
            throw new UnwritableRecordException("cannot write " + schema.getFullName() + " for topic " + topic, e);
        }
    }

    /**
     * The first record of a schema on a topic, through the registry. Tried again a few times, a little later each
     * time: several clients registering the same new schema at once can make the registry's storage time out on a
     * lock, and a moment later the schema is there.
     */
    private byte[] registerAndSerialize(String topic, T data) {
        RuntimeException last = null;
        for (long pause : REGISTRATION_RETRY_PAUSES_MS) {
            try {
                return registering.computeIfAbsent(topic, any -> {
                    AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
                    serializer.configure(configs, isKey);
                    return serializer;
                }).serialize(topic, data);
            } catch (RuntimeException failed) {
                last = failed;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    /** The Confluent framing: magic byte 0, then the schema id (here the content id) in 4 bytes, big-endian. */
    private static byte[] wireHeader(int contentId) {
        return ByteBuffer.allocate(5).put((byte) 0).putInt(contentId).array();
    }

    @Override
    public void close() {
        registering.values().forEach(AvroKafkaSerializer::close);
    }
}
