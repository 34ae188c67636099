package org.dmhub.connector.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rows of a JSON-lines observation file: one JSON object per line, with the CSV header's names as keys. */
final class JsonLinesRows {

    /** Numbers are read as exact decimals, never through a double. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonLinesRows() {
    }

    static List<FileRow> read(String text, List<RowError> errors) {
        List<FileRow> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int line = index + 1;
            String json = lines[index].strip();
            if (json.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(json);
            } catch (JacksonException notJson) {
                errors.add(new RowError(line, "row", "is not a JSON object: " + notJson.getOriginalMessage()));
                rows.add(FileRow.unreadable(line));
                continue;
            }
            if (node == null || !node.isObject()) {
                errors.add(new RowError(line, "row", "is not a JSON object; write one object per line, e.g. "
                        + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1234.5}"));
                rows.add(FileRow.unreadable(line));
                continue;
            }
            List<String> keys = new ArrayList<>(node.propertyNames());
            List<RowError> keyErrors = new ArrayList<>();
            List<String> known = keys.stream().filter(ObservationFileFormat.COLUMNS::contains).toList();
            if (known.size() != keys.size()) {
                HeaderCheck.check(keys, line, keyErrors);
                errors.addAll(keyErrors);
                rows.add(FileRow.unreadable(line));
                continue;
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
                    fields.put(key, value.decimalValue().toPlainString());
                    valueIsNumber |= key.equals(ObservationFileFormat.VALUE);
                } else if (value.isString()) {
                    String string = value.stringValue().strip();
                    if (!string.isEmpty()) {
                        fields.put(key, string);
                    }
                } else {
                    errors.add(new RowError(line, key, "is " + value.getNodeType().name().toLowerCase() + "; write a string or a number"));
                    readable = false;
                }
            }
            rows.add(readable ? new FileRow(line, fields, valueIsNumber) : FileRow.unreadable(line));
        }
        return rows;
    }
}
