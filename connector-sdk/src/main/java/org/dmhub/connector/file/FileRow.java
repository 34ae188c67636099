package org.dmhub.connector.file;

import java.util.Map;

/**
 * One row of an observation file as written, before any conversion.
 *
 * @param row the 1-based line number in the file
 * @param fields the non-empty columns, by header name
 * @param valueIsJsonNumber true when a JSON-lines file gave the value as a JSON number, which always uses '.'
 */
record FileRow(int row, Map<String, String> fields, boolean valueIsJsonNumber) {

    String field(String name) {
        return fields.get(name);
    }
}
