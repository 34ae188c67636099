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
 * @param version what tells this version of the row from another when its revision was not written but given by
 *     the connector (a database row's watermark): the derived eventId is computed from it instead of the revision,
 *     so that the row read again is the same event whatever revision it gets; null for a file's row
 */
public record FileRow(int row, Map<String, String> fields, boolean valueIsNumber, boolean readable, String version) {

    public FileRow(int row, Map<String, String> fields, boolean valueIsNumber) {
        this(row, fields, valueIsNumber, true, null);
    }

    public FileRow(int row, Map<String, String> fields, boolean valueIsNumber, boolean readable) {
        this(row, fields, valueIsNumber, readable, null);
    }

    static FileRow unreadable(int row) {
        return new FileRow(row, Map.of(), false, false, null);
    }

    public String field(String name) {
        return fields.get(name);
    }
}
