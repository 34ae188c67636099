package org.dmhub.connector.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dmhub.connector.file.FileRow;
import org.dmhub.connector.file.ObservationFileFormat;
import org.dmhub.connector.file.RowError;

/**
 * Reads the rows of a department's query that changed since the last poll. The query names its columns after the
 * observation's fields ({@code SELECT ma_ct AS indicator, ...}); it is wrapped so that only rows whose watermark
 * column is at least the last one are read, oldest first. Rows at exactly the last watermark are read again, so that
 * a row written in the same instant after the last poll is not missed; they carry the same eventId as before and
 * count once at the hub.
 */
public final class ChangedRows {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String query;
    private final String watermarkColumn;

    /**
     * @param query a SELECT whose column labels are observation fields (indicator, area, period, value, and
     *     optionally unit, revision, status, eventId, comment) plus the watermark column
     * @param watermarkColumn the column that grows whenever a row changes (a timestamp or a whole number)
     */
    public ChangedRows(String query, String watermarkColumn) {
        if (!PLAIN_NAME.matcher(watermarkColumn).matches()) {
            throw new IllegalArgumentException("'" + watermarkColumn + "' is not a column name; write a plain name such as"
                    + " updated_at (rename it in the query with AS if needed)");
        }
        this.query = query.strip().replaceAll(";\\s*$", "");
        this.watermarkColumn = watermarkColumn;
    }

    /**
     * The rows changed since {@code since} (all rows when null), as observation rows with the revision the query
     * gives, if any (the poller gives the others theirs from their watermark); problems with a row's columns go to
     * {@code errors}.
     *
     * @throws IllegalArgumentException when the query lacks a required column or the watermark column
     */
    public Result read(Connection connection, Watermark since, List<RowError> errors) throws SQLException {
        return read(connection, since, since, errors);
    }

    /**
     * As {@link #read(Connection, Watermark, List)}, reading from {@code from} (at most {@code since}: an overlap
     * window before the last watermark, for databases that stamp a row before its transaction commits).
     */
    public Result read(Connection connection, Watermark from, Watermark since, List<RowError> errors) throws SQLException {
        // on lines of their own: a query ending with a -- comment must not swallow the rest
        String sql = "SELECT * FROM (\n" + query + "\n) dmhub_changed"
                + (from == null ? "" : " WHERE dmhub_changed." + watermarkColumn + " >= ?")
                + " ORDER BY dmhub_changed." + watermarkColumn;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (from != null) {
                from.bind(statement, 1);
            }
            try (ResultSet result = statement.executeQuery()) {
                Columns columns = Columns.of(result.getMetaData(), watermarkColumn);
                List<FileRow> rows = new ArrayList<>();
                Map<Integer, Watermark> rowWatermarks = new LinkedHashMap<>();
                Watermark highest = since;
                int number = 0;
                while (result.next()) {
                    number++;
                    Watermark watermark = Watermark.of(result.getObject(columns.watermarkIndex));
                    if (watermark == null) {
                        errors.add(new RowError(number, watermarkColumn, "is '" + result.getObject(columns.watermarkIndex)
                                + "'; the watermark column must hold a timestamp or a whole number on every row"));
                        continue;
                    }
                    if (watermark.isAfter(highest)) {
                        highest = watermark;
                    }
                    rows.add(toRow(number, result, columns));
                    rowWatermarks.put(number, watermark);
                }
                return new Result(rows, rowWatermarks, highest);
            }
        }
    }

    private static FileRow toRow(int number, ResultSet result, Columns columns) throws SQLException {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean valueIsNumber = false;
        for (Map.Entry<String, Integer> column : columns.fieldIndexes.entrySet()) {
            Object value = result.getObject(column.getValue());
            if (value == null) {
                continue;
            }
            String text = asText(value);
            if (!text.isBlank()) {
                fields.put(column.getKey(), text.strip());
            }
            if (column.getKey().equals(ObservationFileFormat.VALUE)) {
                valueIsNumber = value instanceof Number;
            }
        }
        return new FileRow(number, fields, valueIsNumber);
    }

    private static String asText(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).toPlainString();
        }
        return value.toString();
    }

    /** The query and its watermark column, which together name this source. */
    String describe() {
        return query + "\n" + watermarkColumn;
    }

    /** What one poll read: the rows, each row's watermark by row number, and the watermark to start from next time. */
    public record Result(List<FileRow> rows, Map<Integer, Watermark> rowWatermarks, Watermark watermark) {
    }

    /** Where each observation field and the watermark are in the result. */
    private record Columns(Map<String, Integer> fieldIndexes, int watermarkIndex) {

        static Columns of(ResultSetMetaData metadata, String watermarkColumn) throws SQLException {
            Map<String, Integer> fields = new LinkedHashMap<>();
            Integer watermark = null;
            Set<String> known = Set.copyOf(ObservationFileFormat.COLUMNS);
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                String label = metadata.getColumnLabel(i);
                if (label.equalsIgnoreCase(watermarkColumn)) {
                    watermark = i;
                }
                for (String field : known) {
                    if (field.equalsIgnoreCase(label)) {
                        fields.put(field, i);
                    }
                }
                if (metadata.getColumnType(i) == Types.BINARY && fields.containsValue(i)) {
                    throw new IllegalArgumentException("column " + label + " is binary; an observation field must be text or a number");
                }
            }
            if (watermark == null) {
                throw new IllegalArgumentException("the query has no column '" + watermarkColumn + "' (the --watermark-column)");
            }
            List<String> missing = ObservationFileFormat.REQUIRED.stream().filter(field -> !fields.containsKey(field)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the query has no column " + String.join(", ", missing) + "; name the columns after the"
                        + " observation's fields, e.g. SELECT ma_chi_tieu AS indicator, ma_dia_ban AS area, ky AS period,"
                        + " gia_tri AS value, " + watermarkColumn + " FROM ...");
            }
            return new Columns(fields, watermark);
        }
    }
}
