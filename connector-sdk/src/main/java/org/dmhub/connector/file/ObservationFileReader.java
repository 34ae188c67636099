package org.dmhub.connector.file;

import static org.dmhub.connector.file.ObservationFileFormat.AREA;
import static org.dmhub.connector.file.ObservationFileFormat.COMMENT;
import static org.dmhub.connector.file.ObservationFileFormat.EVENT_ID;
import static org.dmhub.connector.file.ObservationFileFormat.INDICATOR;
import static org.dmhub.connector.file.ObservationFileFormat.PERIOD;
import static org.dmhub.connector.file.ObservationFileFormat.REVISION;
import static org.dmhub.connector.file.ObservationFileFormat.STATUS;
import static org.dmhub.connector.file.ObservationFileFormat.UNIT;
import static org.dmhub.connector.file.ObservationFileFormat.VALUE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dmhub.connector.RevisionClock;
import org.dmhub.connector.file.ObservationFileFormat.FileType;
import org.dmhub.contract.RecordKeys;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.CatalogLookup;
import org.dmhub.validation.ObservationRules;
import org.dmhub.validation.Violation;

/**
 * Reads a department's observation file (CSV with a header row, JSON lines, or an Excel workbook) into
 * observations, filling the defaults, and checks every one with the hub's own {@link ObservationRules} so that
 * mistakes are found before anything is sent.
 */
public final class ObservationFileReader {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern VIETNAMESE_NUMBER = Pattern.compile("[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?(nan|inf|infinity|∞)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /** Separates the parts a derived eventId is computed from, so that no two different rows run together. */
    private static final String PART_SEPARATOR = "\u001F";

    private final String department;
    private final String source;
    private final CatalogLookup catalog;
    private final boolean decimalComma;
    private final Clock clock;
    private final RevisionClock revisions;
    private final int maxLineBytes;

    /**
     * @param department the publishing department, from the command line or configuration (never from the file)
     * @param source the name of the sending system, written on every observation
     * @param decimalComma true to read values in the Vietnamese form {@code 1.234,5}
     */
    public ObservationFileReader(String department, String source, CatalogLookup catalog, boolean decimalComma, Clock clock) {
        this(department, source, catalog, decimalComma, clock, new RevisionClock(clock), DEFAULT_MAX_LINE_BYTES);
    }

    private ObservationFileReader(String department, String source, CatalogLookup catalog, boolean decimalComma, Clock clock,
            RevisionClock revisions, int maxLineBytes) {
        this.department = department;
        this.source = source;
        this.catalog = catalog;
        this.decimalComma = decimalComma;
        this.clock = clock;
        this.revisions = revisions;
        this.maxLineBytes = maxLineBytes;
    }

    /** The longest line of a CSV or JSON-lines file by default, in bytes (64 KiB). */
    public static final int DEFAULT_MAX_LINE_BYTES = TextLines.DEFAULT_MAX_LINE_BYTES;

    /**
     * This reader with another limit on the length of a line of a CSV or JSON-lines file: a longer line is refused
     * without being read into memory.
     *
     * @param maxLineBytes at least 1
     */
    public ObservationFileReader withMaxLineBytes(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("the longest line must be at least 1 byte, not " + maxLineBytes);
        }
        return new ObservationFileReader(department, source, catalog, decimalComma, clock, revisions, maxLineBytes);
    }

    /** Reads a file in the form its name says ({@link ObservationFileFormat#fileType}); a workbook's first sheet. */
    public FileReadResult read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a file in the form its name says.
     *
     * @param sheet the sheet of an Excel workbook to read (null for the first); ignored for text files
     */
    public FileReadResult read(Path file, String sheet) throws IOException {
        FileType type = ObservationFileFormat.fileType(file);
        if (type == FileType.XLSX) {
            List<RowError> errors = new ArrayList<>();
            return result(XlsxRows.read(file, sheet, errors), errors);
        }
        // streamed: a text file is read a line at a time, and a line longer than the limit is never held whole
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, type);
        }
    }

    /** Reads CSV text, or JSON lines when {@code jsonLines}. */
    public FileReadResult read(byte[] content, boolean jsonLines) {
        return read(content, jsonLines ? FileType.JSON_LINES : FileType.CSV, null);
    }

    /**
     * Reads a file's content in the given form.
     *
     * @param sheet the sheet of an Excel workbook to read (null for the first); ignored for text files
     */
    public FileReadResult read(byte[] content, FileType type, String sheet) {
        if (type == FileType.XLSX) {
            List<RowError> errors = new ArrayList<>();
            return result(XlsxRows.read(content, sheet, errors), errors);
        }
        try {
            return read(new ByteArrayInputStream(content), type);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private FileReadResult read(InputStream in, FileType type) throws IOException {
        List<RowError> errors = new ArrayList<>();
        List<FileRow> rows;
        try {
            TextLines lines = new TextLines(in, maxLineBytes);
            rows = type == FileType.JSON_LINES ? JsonLinesRows.read(lines, errors) : CsvRows.read(lines, errors);
        } catch (TextLines.NotText notText) {
            // one error for the whole file, not one per line read before the binary part
            return new FileReadResult(0, List.of(), List.of(notText.error()));
        }
        return result(rows, errors);
    }

    private FileReadResult result(List<FileRow> rows, List<RowError> errors) {
        if (rows == null) {
            return new FileReadResult(0, List.of(), errors);
        }
        return convert(rows, errors);
    }

    /**
     * Converts and checks rows read elsewhere (e.g. from a database), exactly as the rows of a file.
     *
     * @param earlierErrors problems found before (e.g. while reading), reported first
     */
    public FileReadResult convert(List<FileRow> rows, List<RowError> earlierErrors) {
        List<RowError> errors = new ArrayList<>(earlierErrors);
        // one publish time for the whole file: rows without a revision all get the same one
        Instant publishedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<NumberedObservation> valid = new ArrayList<>();
        for (FileRow row : rows) {
            if (!row.readable()) {
                continue;
            }
            List<RowError> rowErrors = new ArrayList<>();
            IndicatorObservation observation = toObservation(row, publishedAt, rowErrors);
            if (observation != null) {
                for (Violation violation : ObservationRules.check(observation, null, catalog)) {
                    rowErrors.add(new RowError(row.row(), violation.field(), violation.message() + " [" + violation.reason() + "]"));
                }
            }
            if (rowErrors.isEmpty()) {
                valid.add(new NumberedObservation(row.row(), observation));
            }
            errors.addAll(rowErrors);
        }
        return new FileReadResult(rows.size(), valid, errors);
    }

    /** The row as an observation with every default filled; null when a field cannot be read at all. */
    private IndicatorObservation toObservation(FileRow written, Instant publishedAt, List<RowError> errors) {
        int line = written.row();
        Map<String, String> withinLimits = new LinkedHashMap<>();
        written.fields().forEach((column, text) -> {
            int max = ObservationFileFormat.maxLength(column);
            if (text.length() > max) {
                errors.add(new RowError(line, column, "is " + text.length() + " characters long; at most " + max + " are accepted"));
            } else {
                withinLimits.put(column, text);
            }
        });
        for (String required : List.of(INDICATOR, AREA, PERIOD)) {
            if (written.field(required) == null) {
                errors.add(new RowError(line, required, "is empty; every row needs " + INDICATOR + ", " + AREA + ", " + PERIOD
                        + " and (unless RETRACTED) " + VALUE));
            }
        }
        // an over-long field is reported once, by its length, and never quoted in another message
        FileRow row = new FileRow(line, withinLimits, written.valueIsNumber(), true, written.version());
        BigDecimal value = parseValue(row, errors);
        ObservationStatus status = parseStatus(row, errors);
        Long givenRevision = parseRevision(row, errors);
        String eventId = row.field(EVENT_ID);
        if (eventId != null && !CANONICAL_UUID.matcher(eventId).matches()) {
            errors.add(new RowError(line, EVENT_ID, "'" + eventId + "' is not a UUID (e.g. 3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f);"
                    + " leave it empty to have one derived from the row"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String indicator = row.field(INDICATOR);
        String unit = row.field(UNIT) != null
                ? row.field(UNIT)
                : catalog.indicator(indicator).map(IndicatorDefinition::getUnit).orElse("");
        // the publish time, raised for a key given a revision at this millisecond already (e.g. twice in one file)
        long revision = givenRevision != null ? givenRevision
                : revisions.at(RecordKeys.valueKey(indicator, row.field(AREA), row.field(PERIOD)), publishedAt.toEpochMilli(),
                        new Object());
        if (eventId == null) {
            eventId = derivedEventId(row, value, status, unit);
        }
        return IndicatorObservation.newBuilder()
                .setEventId(eventId.toLowerCase(Locale.ROOT))
                .setIndicator(indicator)
                .setDepartment(department)
                .setArea(row.field(AREA))
                .setPeriod(row.field(PERIOD))
                .setValue(value)
                .setUnit(unit)
                .setRevision(revision)
                .setStatus(status)
                .setObservedAt(publishedAt)
                .setPublishedAt(publishedAt)
                .setSource(source)
                .setComment(row.field(COMMENT))
                .build();
    }

    /**
     * The same row sent twice gets the same eventId, so that re-sending a file is a no-op at the hub. The revision
     * takes part as written: a row without one is still the same row when sent again later. A database row takes
     * part by its version (its watermark) instead of the revision the connector gave it.
     */
    private String derivedEventId(FileRow row, BigDecimal value, ObservationStatus status, String unit) {
        String content = String.join(PART_SEPARATOR, department, row.field(INDICATOR), row.field(AREA), row.field(PERIOD),
                value == null ? "" : value.stripTrailingZeros().toPlainString(), status.name(), unit,
                row.version() != null ? row.version() : row.field(REVISION) == null ? "" : row.field(REVISION));
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private BigDecimal parseValue(FileRow row, List<RowError> errors) {
        String text = row.field(VALUE);
        if (text == null) {
            return null;
        }
        if (NOT_FINITE.matcher(text).matches()) {
            errors.add(new RowError(row.row(), VALUE, "'" + text + "' is not a finite number; write the value itself, or leave it"
                    + " empty with status RETRACTED [" + RejectionReason.NOT_FINITE + "]"));
            return null;
        }
        boolean vietnamese = decimalComma && !row.valueIsNumber();
        if (vietnamese && VIETNAMESE_NUMBER.matcher(text).matches()) {
            return new BigDecimal(text.replace(".", "").replace(',', '.'));
        }
        if (!vietnamese && PLAIN_NUMBER.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        String expected = vietnamese
                ? "write a number with ',' as decimal separator and optional '.' between thousands (e.g. 1.234,5)"
                : "write a number with '.' as decimal separator and no thousands separator (e.g. 1234.5)"
                        + (text.contains(",") ? ", or use --decimal-comma for the form 1.234,5" : "");
        errors.add(new RowError(row.row(), VALUE, "'" + text + "' is not a number; " + expected));
        return null;
    }

    private static ObservationStatus parseStatus(FileRow row, List<RowError> errors) {
        String text = row.field(STATUS);
        if (text == null) {
            return ObservationStatus.REPORTED;
        }
        for (ObservationStatus status : ObservationStatus.values()) {
            if (status.name().equalsIgnoreCase(text)) {
                return status;
            }
        }
        errors.add(new RowError(row.row(), STATUS, "'" + text + "' is not a status; write REPORTED or RETRACTED (empty means REPORTED)"));
        return ObservationStatus.REPORTED;
    }

    private static Long parseRevision(FileRow row, List<RowError> errors) {
        String text = row.field(REVISION);
        if (text == null) {
            return null;
        }
        try {
            long revision = Long.parseLong(text);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with what would be valid
        }
        errors.add(new RowError(row.row(), REVISION, "'" + text + "' is not a revision; write a whole number from 0 to "
                + Long.MAX_VALUE + " (higher supersedes lower), or leave it empty to use the publish time"));
        return null;
    }
}
