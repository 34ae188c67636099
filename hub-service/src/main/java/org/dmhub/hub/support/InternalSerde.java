package org.dmhub.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the hub's private records (state stores, repartition topics): Avro single-object encoding, which names
 * the schema by its fingerprint instead of asking a registry, so it is cheap on the hot path and still lets a
 * later version of the hub read what an earlier one wrote.
 */
public final class InternalSerde {

    private InternalSerde() {
    }

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
