package org.dmhub.contract;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.serde.SerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
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

    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private RegistryClient registry;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry = RegistryClientFactory.create((String) configs.get(SerdeConfig.REGISTRY_URL));
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
        SpecificDatumReader<T> reader = readers.computeIfAbsent(schemaId, this::readerFor);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("the Avro payload does not match schema " + schemaId, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int schemaId) {
        Schema writer;
        try (InputStream content = registry.getContentById(schemaId)) {
            writer = new Schema.Parser().parse(content);
        } catch (NotFoundException unknown) {
            throw new SerializationException("schema id " + schemaId + " is not in the registry", unknown);
        } catch (IOException | RuntimeException unreachable) {
            throw new RegistryUnavailableException("could not fetch schema " + schemaId + " from the registry", unreachable);
        }
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("schema " + schemaId + " (" + writer.getFullName() + ") is not a DM Hub record type");
        }
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writer, model.getSchema(type), model);
    }
}
