package org.dmhub.connector.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a text observation file, read from a stream as UTF-8, one at a time, each at most a bounded number
 * of bytes: a line longer than that is skipped without being kept (only its length is counted), so that a file
 * whose second line is 60 MB, or a binary file without line breaks, costs neither the memory nor the time to hold
 * it. A byte that is not UTF-8 text (a NUL, a malformed sequence, a sequence cut off by the end of a truncated file)
 * stops the reading with one error naming its line and position.
 */
final class TextLines implements AutoCloseable {

    /** The default longest line, in bytes: an observation takes a few hundred; 64 KiB is far beyond any real one. */
    static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** Bytes of the stream before {@code buffer[0]}. */
    private long bufferOffset;
    private boolean atEnd;
    private byte[] line = new byte[256];
    private int lineNumber;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** One line: its 1-based number and text without the line feed; {@code text} is null when it was too long. */
    record Line(int number, String text, long bytes) {

        boolean tooLong() {
            return text == null;
        }
    }

    /** The bytes are not UTF-8 text; {@code error} says where and what to do. */
    static final class NotText extends Exception {

        private final transient RowError error;

        NotText(RowError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        RowError error() {
            return error;
        }
    }

    TextLines(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("the longest line must be at least 1 byte, not " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    int maxLineBytes() {
        return maxLineBytes;
    }

    /** The next line; null at the end of the file. */
    Line next() throws IOException, NotText {
        if (lineNumber == 0) {
            checkNotAnArchive();
        }
        long start = bufferOffset + position;
        int kept = 0;
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (b == 0) {
                throw new NotText(TextDecoding.notText(lineNumber + 1, bufferOffset + position - 1));
            }
            if (length < maxLineBytes) {
                if (kept == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[kept++] = b;
            }
            length++;
        }
        lineNumber++;
        if (length > maxLineBytes) {
            return new Line(lineNumber, null, length);
        }
        return new Line(lineNumber, decode(kept, start), length);
    }

    private String decode(int kept, long start) throws NotText {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, kept);
        CharBuffer chars = CharBuffer.allocate(kept + 1);
        decoder.reset();
        if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
            throw new NotText(TextDecoding.notText(lineNumber, start + bytes.position()));
        }
        String text = chars.flip().toString();
        return lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** A spreadsheet saved under a text file's name is told apart from other binary files by its first bytes. */
    private void checkNotAnArchive() throws IOException, NotText {
        while (limit < 8 && !atEnd) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                atEnd = true;
            } else {
                limit += read;
            }
        }
        RowError archive = TextDecoding.archive(Arrays.copyOf(buffer, limit));
        if (archive != null) {
            throw new NotText(archive);
        }
    }

    private boolean fill() throws IOException {
        if (atEnd) {
            return false;
        }
        bufferOffset += limit;
        position = 0;
        limit = 0;
        int read;
        do {
            read = in.read(buffer);
        } while (read == 0);
        if (read < 0) {
            atEnd = true;
            return false;
        }
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
