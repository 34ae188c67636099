package org.dmhub.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.dmhub.contract.AvroBytes;

/**
 * Serde for the hub's private records (state stores, repartition topics): Avro single-object encoding, which names
 * the schema by its fingerprint instead of asking a registry, so it is cheap on the hot path and still lets a
 * later version of the hub read what an earlier one wrote: the schemas of earlier versions are kept under
 * {@code internal-schemas/} on the class path and named where the serde is made.
 *
 * <p>The bytes are exactly those of Avro's {@code BinaryMessageEncoder}; they are read with a decoder over the byte
 * array itself rather than through {@code BinaryMessageDecoder}, whose stream decoder reads a byte at a time, on
 * the hot path of every stage (hub-service/README.md, Throughput, says how that was measured).
 */
public final class InternalSerde {

    private static final int HEADER_LENGTH = 10;
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};

    private InternalSerde() {
    }

    /**
     * @param earlierSchemas resource names under {@code internal-schemas/} of the schemas earlier versions of the hub
     *     wrote this type with (records in such a schema are read with the current one's defaults)
     */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type, String... earlierSchemas) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        byte[] header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN).put(MARKER)
                .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema, model);
        Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
        readers.put(SchemaNormalization.parsingFingerprint64(schema), new SpecificDatumReader<>(schema, schema, model));
        for (String earlier : earlierSchemas) {
            Schema written = earlierSchema(earlier);
            readers.put(SchemaNormalization.parsingFingerprint64(written), new SpecificDatumReader<>(written, schema, model));
        }

        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return AvroBytes.write(header, writer, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
                throw new BadHeaderException("not an Avro single-object encoded " + schema.getFullName());
            }
            long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            SpecificDatumReader<T> reader = readers.get(fingerprint);
            if (reader == null) {
                throw new MissingSchemaException("a " + schema.getFullName() + " written with an unknown schema (fingerprint "
                        + Long.toHexString(fingerprint) + "): name that schema where the serde is made");
            }
            try {
                return AvroBytes.read(reader, bytes, HEADER_LENGTH);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static Schema earlierSchema(String name) {
        try (InputStream text = InternalSerde.class.getResourceAsStream("/internal-schemas/" + name)) {
            if (text == null) {
                throw new IllegalStateException("internal-schemas/" + name + " is missing from the class path");
            }
            return new Schema.Parser().parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
