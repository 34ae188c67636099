package org.dmhub.connector.file;

import java.util.Map;

/**
 * One row of observations as written (in a file, or a database row), before any conversion.
 *
 * @param row the 1-based line number in the file, the row number Excel shows for a workbook, or the row's number
 *     in a database query's result
 * @param fields the non-empty columns, by header name
 * @param valueIsNumber true when the file gave the value as a number (a JSON number, a numeric Excel cell), which
 *     always uses '.' whatever --decimal-comma says
 * @param readable false when the reader could not take the row apart; its errors are already reported and the
 *     row only counts as an invalid row
 */
public record FileRow(int row, Map<String, String> fields, boolean valueIsNumber, boolean readable) {

    public FileRow(int row, Map<String, String> fields, boolean valueIsNumber) {
        this(row, fields, valueIsNumber, true);
    }

    static FileRow unreadable(int row) {
        return new FileRow(row, Map.of(), false, false);
    }

    public String field(String name) {
        return fields.get(name);
    }
}
