package org.dmhub.connector.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The columns of an observation file, shared by the CSV and JSON-lines forms. */
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

    /** JSON lines for {@code .jsonl}, {@code .ndjson} and {@code .json}; CSV otherwise. */
    public static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    }
}
