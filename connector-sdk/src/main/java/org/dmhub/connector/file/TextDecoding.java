package org.dmhub.connector.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns the file's bytes into text, refusing what is not UTF-8 text rather than guessing. */
final class TextDecoding {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextDecoding() {
    }

    /** The text without a leading byte order mark; null (with one error) when the bytes are not UTF-8 text. */
    static String decode(byte[] content, List<RowError> errors) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                errors.add(notText(content, i));
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        CharBuffer chars = CharBuffer.allocate(content.length + 1);
        if (decoder.decode(bytes, chars, true).isError()) {
            errors.add(notText(content, bytes.position()));
            return null;
        }
        try {
            decoder.flush(chars);
        } catch (IllegalStateException | IllegalArgumentException unexpected) {
            errors.add(notText(content, content.length));
            return null;
        }
        String text = chars.flip().toString();
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static RowError notText(byte[] content, int offset) {
        if (XlsxRows.isZip(content)) {
            return new RowError(1, "file", "the file is not UTF-8 text but a ZIP archive, such as an Excel workbook: name it"
                    + " .xlsx to read its first sheet, or in Excel save it as \"CSV UTF-8\"");
        }
        if (XlsxRows.isOldExcelOrEncrypted(content)) {
            return new RowError(1, "file", "the file is not UTF-8 text but an Excel 97-2003 workbook (.xls) or a"
                    + " password-protected workbook: in Excel save it without a password as \"Excel Workbook (.xlsx)\" or as"
                    + " \"CSV UTF-8\"");
        }
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return new RowError(line, "file", "the file is not UTF-8 text (unreadable byte at position " + offset + "): a binary"
                + " file cannot be read; save it as \"CSV UTF-8\" or as JSON lines");
    }
}
