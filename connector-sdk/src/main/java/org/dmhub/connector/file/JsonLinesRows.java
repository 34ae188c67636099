package org.dmhub.connector.file;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.Decimals;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rows of a JSON-lines observation file: one JSON object per line, with the CSV header's names as keys. */
final class JsonLinesRows {

    /**
     * Numbers are read as exact decimals, never through a double; a key written twice in one object is an error,
     * not a silent choice of one of its values.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLinesRows() {
    }

    /**
     * The rows, one per non-empty line; a line that cannot be read (too long, not a JSON object, a wrong type) is an
     * unreadable row with its error, and the lines after it are read on.
     */
    static List<FileRow> read(TextLines lines, List<RowError> errors) throws IOException, TextLines.NotText {
        List<FileRow> rows = new ArrayList<>();
        for (TextLines.Line read = lines.next(); read != null; read = lines.next()) {
            int line = read.number();
            if (read.tooLong()) {
                errors.add(new RowError(line, "row", "is " + read.bytes() + " bytes long, longer than the " + lines.maxLineBytes()
                        + " bytes a line may hold: write one observation per line, e.g. "
                        + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1234.5}"
                        + " (use --max-line-length for longer lines)"));
                rows.add(FileRow.unreadable(line));
                continue;
            }
            String json = read.text().strip();
            if (json.isEmpty()) {
                continue;
            }
            rows.add(row(line, json, errors));
        }
        return rows;
    }

    private static FileRow row(int line, String json, List<RowError> errors) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException notJson) {
            errors.add(new RowError(line, "row", "is not a JSON object: " + notJson.getOriginalMessage()));
            return FileRow.unreadable(line);
        }
        if (node == null || !node.isObject()) {
            errors.add(new RowError(line, "row", "is not a JSON object; write one object per line, e.g. "
                    + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1234.5}"));
            return FileRow.unreadable(line);
        }
        List<String> keys = new ArrayList<>(node.propertyNames());
        List<String> known = keys.stream().filter(ObservationFileFormat.COLUMNS::contains).toList();
        if (known.size() != keys.size()) {
            HeaderCheck.check(keys, line, errors);
            return FileRow.unreadable(line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean valueIsNumber = false;
        boolean readable = true;
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value.isNull()) {
                continue;
            }
            if (value.isNumber()) {
                String plain = plainNumber(line, key, value.decimalValue(), errors);
                if (plain == null) {
                    readable = false;
                    continue;
                }
                fields.put(key, plain);
                valueIsNumber |= key.equals(ObservationFileFormat.VALUE);
            } else if (value.isString()) {
                String string = value.stringValue().strip();
                if (!string.isEmpty()) {
                    fields.put(key, string);
                }
            } else {
                errors.add(new RowError(line, key, "is " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                        + "; write a string or a number"));
                readable = false;
            }
        }
        return readable ? new FileRow(line, fields, valueIsNumber) : FileRow.unreadable(line);
    }

    /**
     * The number as written out, e.g. 1500 for 1.5e3; null (with the error) when written out it would exceed the
     * field's length: {@code 1e2147483647} is two billion digits long.
     */
    private static String plainNumber(int line, String key, BigDecimal number, List<RowError> errors) {
        long length = Decimals.plainLength(number);
        int max = ObservationFileFormat.maxLength(key);
        if (length <= max) {
            return number.toPlainString();
        }
        String hint = key.equals(ObservationFileFormat.VALUE)
                ? ": a value has at most " + (Decimals.PRECISION - Decimals.SCALE) + " digits before the decimal point and "
                        + Decimals.SCALE + " after it [" + RejectionReason.PRECISION_EXCEEDED + "]"
                : "";
        errors.add(new RowError(line, key, "is the number " + Decimals.show(number) + ", " + length
                + " characters long when written out; at most " + max + " are accepted" + hint));
        return null;
    }
}
