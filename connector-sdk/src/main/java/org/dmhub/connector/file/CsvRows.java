package org.dmhub.connector.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Where commons-csv says it failed: "... at line: 7, position: 116", else "(startline 7)". */
    private static final Pattern AT_LINE = Pattern.compile(" at line: (\\d+), position: \\d+");
    private static final Pattern START_LINE = Pattern.compile("^\\((?:start)?line (\\d+)\\) ?");

    private CsvRows() {
    }

    /**
     * The rows; null when the header is wrong, the file is not CSV text or a line is longer than the limit, with the
     * reason in {@code errors}. A line beyond the limit stops the reading: a quoted value may span lines, so what
     * follows it cannot be told apart safely.
     */
    static List<FileRow> read(TextLines source, List<RowError> errors) throws IOException, TextLines.NotText {
        StringBuilder content = new StringBuilder();
        for (TextLines.Line line = source.next(); line != null; line = source.next()) {
            if (line.tooLong()) {
                errors.add(new RowError(line.number(), "row", "is " + line.bytes() + " bytes long, longer than the "
                        + source.maxLineBytes() + " bytes a line may hold: an observation takes one line of a few hundred"
                        + " characters, so the file is damaged, is not an observation file or lost its line breaks; nothing"
                        + " of it was read (use --max-line-length for longer lines)"));
                return null;
            }
            content.append(line.text()).append('\n');
        }
        return read(content.toString(), errors);
    }

    private static List<FileRow> read(String text, List<RowError> errors) {
        LineNumbers lines = new LineNumbers(text);
        int lastLine = 1;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (!HeaderCheck.check(header, 1, errors)) {
                return null;
            }
            List<FileRow> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException unreadable) {
                    errors.add(unreadableRecord(lastLine, unreadable));
                    return null;
                }
                int line = lines.lineAt(record.getCharacterPosition());
                lastLine = line;
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
     * A record the parser cannot take apart after the header: most often a quote opened and never closed, as in a
     * truncated file. The row is where the parser was when it gave up.
     */
    private static RowError unreadableRecord(int lastLine, RuntimeException unreadable) {
        String reason = unreadable.getCause() != null && unreadable.getCause().getMessage() != null
                ? unreadable.getCause().getMessage() : String.valueOf(unreadable.getMessage());
        Matcher at = AT_LINE.matcher(reason);
        Matcher start = START_LINE.matcher(reason);
        int line = at.find() ? Integer.parseInt(at.group(1)) : start.find() ? Integer.parseInt(start.group(1)) : lastLine;
        if (reason.contains("EOF reached before encapsulated token finished")) {
            return new RowError(line, "row", "a quoted value (\"...\") starts here and is not closed before the end of the file:"
                    + " the file may be truncated, or a quote is missing; close every quoted value with \" and write a quote"
                    + " inside a quoted value as \"\"; nothing of the file was read");
        }
        String what = AT_LINE.matcher(START_LINE.matcher(reason).replaceFirst("")).replaceFirst("");
        return new RowError(line, "row", "cannot be read as CSV (" + what
                + "): a quoted value must be followed by a comma or the end of the line, and a quote inside it written as"
                + " \"\"; nothing of the file was read");
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
