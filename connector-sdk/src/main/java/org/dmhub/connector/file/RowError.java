package org.dmhub.connector.file;

/**
 * One problem found in an observation file.
 *
 * @param row the 1-based line of a CSV file (the header is line 1) or of a JSON-lines file, or the row number Excel
 *     shows for a workbook
 * @param field the column at fault, {@code file} when the whole file is unreadable, {@code sheet} when a workbook
 *     has no such sheet
 * @param message what is wrong and what would be valid; ends with the hub's reason code in brackets when the
 *     hub would refuse the observation for the same reason
 */
public record RowError(int row, String field, String message) {

    @Override
    public String toString() {
        return "row " + row + ", " + field + ": " + message;
    }
}
