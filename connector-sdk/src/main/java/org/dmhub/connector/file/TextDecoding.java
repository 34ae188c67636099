package org.dmhub.connector.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Tells what bytes that are not UTF-8 text are, and what to do with them, rather than guessing at their text. */
final class TextDecoding {

    private TextDecoding() {
    }

    /** True when {@code content} is UTF-8 text (lines of any length); with the reason in {@code errors} otherwise. */
    static boolean isText(byte[] content, List<RowError> errors) {
        try (TextLines lines = new TextLines(new ByteArrayInputStream(content), Integer.MAX_VALUE - 16)) {
            while (lines.next() != null) {
                // only whether every line decodes matters
            }
            return true;
        } catch (TextLines.NotText notText) {
            errors.add(notText.error());
            return false;
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The error for a file whose first bytes show a ZIP archive or an OLE2 file (a spreadsheet); null otherwise. */
    static RowError archive(byte[] head) {
        if (XlsxRows.isZip(head)) {
            return new RowError(1, "file", "the file is not UTF-8 text but a ZIP archive, such as an Excel workbook: name it"
                    + " .xlsx to read its first sheet, or in Excel save it as \"CSV UTF-8\"");
        }
        if (XlsxRows.isOldExcelOrEncrypted(head)) {
            return new RowError(1, "file", "the file is not UTF-8 text but an Excel 97-2003 workbook (.xls) or a"
                    + " password-protected workbook: in Excel save it without a password as \"Excel Workbook (.xlsx)\" or as"
                    + " \"CSV UTF-8\"");
        }
        return null;
    }

    /** The error for a byte that is not UTF-8 text, at {@code offset} of the file, on line {@code line}. */
    static RowError notText(int line, long offset) {
        return new RowError(line, "file", "the file is not UTF-8 text (unreadable byte at position " + offset + "): a binary"
                + " file cannot be read; save it as \"CSV UTF-8\" or as JSON lines");
    }
}
