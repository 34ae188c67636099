package org.dmhub.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary decoder over one record's bytes, refusing every declared length or item count larger than the
 * record itself before anything is allocated or looped over. Avro's own decoder trusts them: ten bytes declaring a
 * string of a gigabyte make it allocate that gigabyte.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final long limit;

    BoundedDecoder(byte[] bytes, int offset, int length) {
        this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        this.limit = length;
    }

    /** The record declares more than it holds: it was cut short, or lies about its lengths. */
    static final class DeclaredLengthException extends AvroRuntimeException {
        DeclaredLengthException(String what, long declared, long limit) {
            super("a " + what + " of " + declared + " declared in a record of " + limit + " bytes");
        }
    }

    private int checked(String what, long declared) {
        if (declared < 0 || declared > limit) {
            throw new DeclaredLengthException(what, declared, limit);
        }
        return (int) declared;
    }

    private long checkedCount(String what, long count) {
        checked(what, count);
        return count;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checked("string length", in.readLong());
        Utf8 result = old == null ? new Utf8() : old;
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checked("string length", in.readLong()));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checked("bytes length", in.readLong());
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checked("bytes length", in.readLong()));
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkedCount("array block", in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return checkedCount("array block", in.arrayNext());
    }

    @Override
    public long skipArray() throws IOException {
        return checkedCount("array block", in.skipArray());
    }

    @Override
    public long readMapStart() throws IOException {
        return checkedCount("map block", in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return checkedCount("map block", in.mapNext());
    }

    @Override
    public long skipMap() throws IOException {
        return checkedCount("map block", in.skipMap());
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
