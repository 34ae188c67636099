package org.dmhub.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes one Avro record, after a header (a wire format's framing), into a new byte array, and reads one back.
 * Each thread keeps a buffered encoder, so a record is written in one piece instead of a call per field; a write that
 * fails discards it, since it may hold part of that record. Reading never trusts a length the bytes declare beyond
 * their own size ({@link BoundedDecoder}), so any bytes at all are either read or refused, in memory bounded by
 * their size.
 */
public final class AvroBytes {

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    }

    private AvroBytes() {
    }

    /** Reads the record that follows a header of {@code offset} bytes. */
    public static <T> T read(DatumReader<T> reader, byte[] bytes, int offset) throws IOException {
        return reader.read(null, new BoundedDecoder(bytes, offset, bytes.length - offset));
    }

    public static <T> byte[] write(byte[] header, DatumWriter<T> writer, T value) throws IOException {
        Buffer buffer = BUFFERS.get();
        buffer.bytes.reset();
        buffer.bytes.writeBytes(header);
        try {
            writer.write(value, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | RuntimeException e) {
            BUFFERS.remove();
            throw e;
        }
        return buffer.bytes.toByteArray();
    }
}
