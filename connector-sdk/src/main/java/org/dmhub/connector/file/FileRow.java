package org.dmhub.connector.file;

import java.util.Map;

/**
 * One row of observations as written (in a file, or a database row), before any conversion.
 *
 * @param row the 1-based line number in the file, or the row's number in a database query's result
 * @param fields the non-empty columns, by header name
 * @param valueIsJsonNumber true when a JSON-lines file gave the value as a JSON number, which always uses '.'
 */
public record FileRow(int row, Map<String, String> fields, boolean valueIsJsonNumber) {

    public String field(String name) {
        return fields.get(name);
    }
}
