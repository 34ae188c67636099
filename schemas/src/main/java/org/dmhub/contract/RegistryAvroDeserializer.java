package org.dmhub.contract;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into the generated class the writer's schema names, resolving the writer's
 * schema against the class's own (so records written with an older or newer compatible schema read fine). Each
 * schema id is fetched from the registry once.
 *
 * <p>Bytes that are not in the wire format, or name a schema the registry does not have, throw
 * {@link SerializationException}; a registry that cannot be reached throws {@link RegistryUnavailableException},
 * which must not be mistaken for bad data.
 */
public final class RegistryAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** The registry could not be asked: the record may be fine, try again later. */
    public static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String CONTRACT_NAMESPACE = "org.dmhub.schemas";

    /** The one type this reader returns, or null for any contract type. */
    private final Class<T> expected;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    /** Ids of schemas this reader can never use (a schema's content never changes once it has an id), with why. */
    private final Map<Integer, String> unusable = new ConcurrentHashMap<>();
    private RegistryClient registry;

    /** Reads any contract type the writer's schema names (for a consumer configured by class name). */
    public RegistryAvroDeserializer() {
        this(null);
    }

    /** Reads {@code expected} only: a record of another type is refused like bytes that are not in the wire format. */
    public RegistryAvroDeserializer(Class<T> expected) {
        this.expected = expected;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry = RegistrySerdes.registryClient(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < 5 || data[0] != 0) {
            throw new SerializationException("not in the Confluent wire format (magic byte 0x00, 4-byte schema id, Avro)");
        }
        int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
        String refusal = unusable.get(schemaId);
        if (refusal != null) {
            throw new SerializationException(refusal);
        }
        SpecificDatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(schemaId, this::readerFor);
        } catch (UnusableSchemaException unusableSchema) {
            if (unusableSchema.permanent) {
                unusable.put(schemaId, unusableSchema.getMessage());
            }
            throw new SerializationException(unusableSchema.getMessage(), unusableSchema);
        }
        try {
            return AvroBytes.read(reader, data, 5);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("the Avro payload does not match schema " + schemaId, e);
        }
    }

    /** The id names no schema, or one this reader cannot use: the record's fault, not the registry's. */
    private static final class UnusableSchemaException extends RuntimeException {
        /** true for a schema that exists but cannot be used; an id not found may be one registered a moment ago */
        final boolean permanent;

        UnusableSchemaException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }
    }

    private SpecificDatumReader<T> readerFor(int schemaId) {
        byte[] content;
        try (InputStream stream = registry.getContentById(schemaId)) {
            content = stream.readAllBytes();
        } catch (NotFoundException unknown) {
            throw new UnusableSchemaException("schema id " + schemaId + " is not in the registry", false, unknown);
        } catch (IOException | RuntimeException unreachable) {
            throw new RegistryUnavailableException("could not fetch schema " + schemaId + " from the registry", unreachable);
        }
        Schema writer;
        try {
            writer = new Schema.Parser().parse(new String(content, StandardCharsets.UTF_8));
        } catch (RuntimeException unparsable) {
            throw new UnusableSchemaException("schema " + schemaId + " in the registry is not an Avro schema this reader can parse: "
                    + unparsable.getMessage(), true, unparsable);
        }
        // a schema's name is loaded as a class: never let a registered schema name a class outside the contract
        Class<?> type = writer.getType() == Schema.Type.RECORD && CONTRACT_NAMESPACE.equals(writer.getNamespace())
                ? SpecificData.get().getClass(writer) : null;
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new UnusableSchemaException("schema " + schemaId + " (" + writer.getFullName() + ") is not a DM Hub record type",
                    true, null);
        }
        if (expected != null && !expected.equals(type)) {
            throw new UnusableSchemaException("schema " + schemaId + " is a " + writer.getFullName() + ", not a "
                    + expected.getName(), true, null);
        }
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writer, model.getSchema(type), model);
    }
}
