package org.dmhub.connector.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The columns of an observation file, shared by the CSV, JSON-lines and Excel forms, and which form a file has. */
public final class ObservationFileFormat {

    public static final String INDICATOR = "indicator";
    public static final String AREA = "area";
    public static final String PERIOD = "period";
    public static final String VALUE = "value";
    public static final String UNIT = "unit";
    public static final String REVISION = "revision";
    public static final String STATUS = "status";
    public static final String EVENT_ID = "eventId";
    public static final String COMMENT = "comment";

    /** Every column, in the order the documentation writes them. */
    public static final List<String> COLUMNS = List.of(INDICATOR, AREA, PERIOD, VALUE, UNIT, REVISION, STATUS, EVENT_ID, COMMENT);
    public static final Set<String> REQUIRED = Set.of(INDICATOR, AREA, PERIOD, VALUE);
    public static final String EXPECTED_HEADER = String.join(",", COLUMNS);

    /** Codes, units and ids: longer than this is certainly a mistake (a shifted column, a pasted paragraph). */
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 64;
    public static final int MAX_COMMENT_LENGTH = 1000;

    private ObservationFileFormat() {
    }

    static int maxLength(String column) {
        return switch (column) {
            case COMMENT -> MAX_COMMENT_LENGTH;
            case VALUE -> MAX_VALUE_LENGTH;
            default -> MAX_CODE_LENGTH;
        };
    }

    /** The forms of an observation file. */
    public enum FileType {
        /** Text with a header row naming the columns. */
        CSV,
        /** Text, one JSON object per line, with the column names as keys. */
        JSON_LINES,
        /** An Excel workbook: one sheet whose first non-empty row names the columns. */
        XLSX
    }

    /**
     * The form of a file, by its name: an Excel workbook for {@code .xlsx} and {@code .xlsm}, JSON lines for
     * {@code .jsonl}, {@code .ndjson} and {@code .json}, CSV otherwise.
     */
    public static FileType fileType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return FileType.XLSX;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return FileType.JSON_LINES;
        }
        return FileType.CSV;
    }

    /** True for {@code .jsonl}, {@code .ndjson} and {@code .json}: see {@link #fileType(Path)}. */
    public static boolean isJsonLines(Path file) {
        return fileType(file) == FileType.JSON_LINES;
    }
}
