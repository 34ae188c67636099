package org.dmhub.connector.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/** The rows of a CSV observation file: a header row naming the columns, then one observation per line. */
final class CsvRows {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private CsvRows() {
    }

    /** The rows; null when the header is wrong or the file is not CSV, with the reason in {@code errors}. */
    static List<FileRow> read(String text, List<RowError> errors) {
        LineNumbers lines = new LineNumbers(text);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (!HeaderCheck.check(header, 1, errors)) {
                return null;
            }
            List<FileRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                int line = lines.lineAt(record.getCharacterPosition());
                if (record.size() > header.size()) {
                    errors.add(new RowError(line, "row", "has " + record.size() + " values but the header names " + header.size()
                            + " columns; quote a value that holds a comma (\"1,5\") or use --decimal-comma with a quoted value"));
                    rows.add(FileRow.unreadable(line));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i);
                    if (!value.isEmpty()) {
                        fields.put(header.get(i), value);
                    }
                }
                rows.add(new FileRow(line, fields, false));
            }
            return rows;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException unreadable) {
            errors.add(new RowError(1, "file", "is not a CSV file with the header " + ObservationFileFormat.EXPECTED_HEADER
                    + ": " + unreadable.getMessage()));
            return null;
        }
    }

    /**
     * Maps a character offset to its 1-based line, skipping the empty lines a record may start with. Offsets are asked
     * in increasing order (the parser's), so the count goes on from the last one: one pass over the text in all.
     */
    private static final class LineNumbers {

        private final String text;
        private int counted;
        private int line = 1;

        LineNumbers(String text) {
            this.text = text;
        }

        int lineAt(long offset) {
            int position = (int) Math.min(offset, text.length());
            while (position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
                position++;
            }
            if (position < counted) {
                counted = 0;
                line = 1;
            }
            for (; counted < position; counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
