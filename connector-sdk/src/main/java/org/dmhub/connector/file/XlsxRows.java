package org.dmhub.connector.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The rows of an Excel workbook (.xlsx): one sheet, the first by default, whose first non-empty row names the
 * columns as the CSV header does. Each cell becomes the text Excel shows for it: text as typed, numbers as Excel
 * writes them (1234.5, 0.3, 25747, never 25747.0 or 0.30000000000000004), formulas by their saved result. Dates,
 * logical values and error values are reported instead of guessed at. Rows are numbered as Excel numbers them.
 *
 * <p>The sheet is streamed rather than loaded as a whole workbook, so that a sheet of a hundred thousand rows
 * needs little memory.
 */
final class XlsxRows {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** Excel 97-2003 workbooks and password-protected .xlsx files are OLE2 compound files. */
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** How much of a file named .xlsx that is not one is looked at to tell whether it is text. */
    private static final int TEXT_SAMPLE_BYTES = 64 * 1024;
    private static final Pattern BOMB_ENTRY = Pattern.compile("Entry: (\\S+)");
    /** The largest sheet Excel writes: 1,048,576 rows and 16,384 columns (A to XFD). */
    private static final int MAX_ROW = 1_048_576;
    private static final int MAX_COLUMNS = 16_384;

    private XlsxRows() {
    }

    static boolean isZip(byte[] content) {
        return startsWith(content, ZIP_MAGIC);
    }

    static boolean isOldExcelOrEncrypted(byte[] content) {
        return startsWith(content, OLE2_MAGIC);
    }

    /**
     * The rows of the named sheet, or of the first when {@code sheetName} is null; null when the file is not a
     * workbook, the sheet does not exist or the header is wrong, with the reason in {@code errors}.
     */
    static List<FileRow> read(byte[] content, String sheetName, List<RowError> errors) {
        if (!isZip(content)) {
            errors.add(notAWorkbook(content));
            return null;
        }
        return read(() -> OPCPackage.open(new ByteArrayInputStream(content)), sheetName, errors);
    }

    /**
     * As {@link #read(byte[], String, List)}, from a file: its parts are inflated one at a time as they are read,
     * rather than the whole workbook at once into memory.
     */
    static List<FileRow> read(Path file, String sheetName, List<RowError> errors) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ZIP_MAGIC.length);
            if (!isZip(head)) {
                byte[] start = in.readNBytes(TEXT_SAMPLE_BYTES);
                byte[] sample = Arrays.copyOf(head, head.length + start.length);
                System.arraycopy(start, 0, sample, head.length, start.length);
                errors.add(notAWorkbook(completeLines(sample, start.length == TEXT_SAMPLE_BYTES)));
                return null;
            }
        }
        return read(() -> OPCPackage.open(file.toFile(), PackageAccess.READ), sheetName, errors);
    }

    /** The sample up to its last line break when the file goes on after it, so that no character is cut in two. */
    private static byte[] completeLines(byte[] sample, boolean goesOn) {
        if (!goesOn) {
            return sample;
        }
        int end = sample.length;
        while (end > 0 && sample[end - 1] != '\n') {
            end--;
        }
        // no line break at all: cut only a character left unfinished at the end
        if (end == 0) {
            end = sample.length;
            while (end > 0 && (sample[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (sample[end - 1] & 0x80) != 0) {
                end--;
            }
        }
        return Arrays.copyOf(sample, end);
    }

    /** Opens the workbook's package. */
    @FunctionalInterface
    private interface Opener {
        OPCPackage open() throws IOException, OpenXML4JException;
    }

    private static List<FileRow> read(Opener opener, String sheetName, List<RowError> errors) {
        try (OPCPackage workbook = opener.open()) {
            XSSFReader reader = new XSSFReader(workbook);
            List<String> sheetNames = new ArrayList<>();
            InputStream sheet = null;
            String chosen = null;
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                InputStream data = sheets.next();
                String name = sheets.getSheetName();
                sheetNames.add(name);
                if (sheet == null && (sheetName == null || name.equalsIgnoreCase(sheetName.strip()))) {
                    sheet = data;
                    chosen = name;
                } else {
                    data.close();
                }
            }
            if (sheet == null) {
                errors.add(new RowError(1, "sheet", sheetNames.isEmpty()
                        ? "the workbook has no sheets"
                        : "the workbook has no sheet '" + sheetName + "'; its sheets are " + quoted(sheetNames)));
                return null;
            }
            String sheetHint = sheetName == null && sheetNames.size() > 1
                    ? " (read sheet '" + chosen + "', the first of " + quoted(sheetNames) + "; choose another with --sheet)"
                    : "";
            SheetRows rows = new SheetRows(chosen, sheetHint, errors);
            try (InputStream data = sheet) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new SheetHandler(new ReadOnlySharedStringsTable(workbook, false),
                        new DateFormats(reader.getStylesTable()), date1904(reader), rows));
                parser.parse(new InputSource(data));
            } catch (HeaderRefused refused) {
                return null;
            } catch (Damaged damaged) {
                errors.add(damaged.error);
                return null;
            }
            return rows.finish();
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException unreadable) {
            RowError bomb = zipBomb(unreadable);
            if (bomb != null) {
                errors.add(bomb);
                return null;
            }
            // a damaged or foreign file surfaces as any of POI's exceptions: the user gets one message, not a trace
            errors.add(new RowError(1, "file", "cannot be read as an Excel workbook (" + describe(unreadable) + "): open it in"
                    + " Excel and save it again as \"Excel Workbook (.xlsx)\", or save it as \"CSV UTF-8\""));
            return null;
        }
    }

    /**
     * POI stops inflating a part that grows more than 100 times its compressed size (or beyond 4 GB), with a message
     * for programmers; this says it for the person who sent the file. Null when the failure is something else.
     */
    private static RowError zipBomb(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.startsWith("Zip bomb detected")) {
                Matcher entry = BOMB_ENTRY.matcher(message);
                String part = entry.find() ? "its part " + entry.group(1) : "one of its parts";
                String how = message.contains("max. ratio")
                        ? " expands to more than " + Math.round(1 / ZipSecureFile.getMinInflateRatio()) + " times its compressed size"
                        : " expands to more than " + ZipSecureFile.getMaxEntrySize() / (1024 * 1024) + " MB";
                return new RowError(1, "file", "the workbook is refused: " + part + how + ", which only a damaged file or one"
                        + " made to exhaust the memory of the computer reading it (a \"zip bomb\") does; a workbook saved by"
                        + " Excel is never like this. Nothing of it was read: open the original in Excel and save it again as"
                        + " \"Excel Workbook (.xlsx)\", or save it as \"CSV UTF-8\"");
            }
        }
        return null;
    }

    private static RowError notAWorkbook(byte[] content) {
        if (isOldExcelOrEncrypted(content)) {
            return new RowError(1, "file", "is an Excel 97-2003 workbook (.xls) or a password-protected workbook, not an .xlsx"
                    + " workbook: in Excel save it without a password as \"Excel Workbook (.xlsx)\" or as \"CSV UTF-8\"");
        }
        boolean text = TextDecoding.isText(content, new ArrayList<>());
        return new RowError(1, "file", "is not an Excel workbook although its name ends in .xlsx"
                + (text ? ": it holds text; if it is CSV, name it .csv (or .jsonl for JSON lines)" : "")
                + (content.length == 0 ? ": the file is empty" : ""));
    }

    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException,
            ParserConfigurationException {
        boolean[] date1904 = {false};
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("workbookPr".equals(localName)) {
                    String value = attributes.getValue("date1904");
                    date1904[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                }
            }
        });
        try (InputStream workbook = reader.getWorkbookData()) {
            parser.parse(new InputSource(workbook));
        }
        return date1904[0];
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** What a cell holds, as far as an observation file is concerned. */
    private enum Kind {
        EMPTY, TEXT, NUMBER, DATE, LOGICAL, ERROR, NO_RESULT,
        /** Cannot be what it claims: a number that is not one, a shared string the workbook does not hold. */
        DAMAGED
    }

    /**
     * One cell: its 0-based column and what it holds.
     *
     * @param text the text for TEXT, the exact decimal for NUMBER, the date for DATE, TRUE or FALSE, or the error value
     */
    private record Cell(int column, Kind kind, String text) {
    }

    /** Stops reading a sheet whose structure is impossible (a row or cell outside any sheet), with its error. */
    private static final class Damaged extends SAXException {

        private final transient RowError error;

        Damaged(int row, String message) {
            super(message);
            this.error = new RowError(row, "row", message + ": the workbook is damaged or was not written by a spreadsheet"
                    + " program; open it in Excel and save it again as \"Excel Workbook (.xlsx)\"");
        }
    }

    /** Stops reading the sheet once its header is refused. */
    private static final class HeaderRefused extends SAXException {

        HeaderRefused() {
            super("header refused");
        }
    }

    /** The header and data rows of the sheet, built row by row as the sheet is streamed. */
    private static final class SheetRows {

        private final String sheet;
        private final String sheetHint;
        private final List<RowError> errors;
        private final List<FileRow> rows = new ArrayList<>();
        private List<String> header;
        private int headerRow;

        SheetRows(String sheet, String sheetHint, List<RowError> errors) {
            this.sheet = sheet;
            this.sheetHint = sheetHint;
            this.errors = errors;
        }

        void row(int row, List<Cell> cells) throws HeaderRefused {
            if (cells.stream().allMatch(cell -> cell.kind() == Kind.EMPTY)) {
                return;
            }
            if (header == null) {
                readHeader(row, cells);
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            boolean valueIsNumber = false;
            boolean readable = true;
            Cell beyondHeader = null;
            int moreBeyondHeader = 0;
            for (Cell cell : cells) {
                if (cell.kind() == Kind.EMPTY) {
                    continue;
                }
                String reference = CellReference.convertNumToColString(cell.column()) + row;
                if (cell.column() >= header.size()) {
                    // one error for the row, however many cells: a sheet may have thousands of columns
                    if (beyondHeader == null) {
                        beyondHeader = cell;
                    } else {
                        moreBeyondHeader++;
                    }
                    readable = false;
                    continue;
                }
                String column = header.get(cell.column());
                switch (cell.kind()) {
                    case TEXT -> fields.put(column, cell.text());
                    case NUMBER -> {
                        fields.put(column, cell.text());
                        valueIsNumber |= column.equals(ObservationFileFormat.VALUE);
                    }
                    default -> {
                        errors.add(new RowError(row, column, "cell " + reference + " " + problem(column, cell)));
                        readable = false;
                    }
                }
            }
            if (beyondHeader != null) {
                String column = CellReference.convertNumToColString(beyondHeader.column());
                String text = beyondHeader.text().length() > ObservationFileFormat.MAX_CODE_LENGTH
                        ? beyondHeader.text().substring(0, ObservationFileFormat.MAX_CODE_LENGTH) + "…" : beyondHeader.text();
                errors.add(new RowError(row, "row", "cell " + column + row + " holds " + (beyondHeader.kind() == Kind.NO_RESULT
                        ? "a formula" : "'" + text + "'") + (moreBeyondHeader > 0 ? " (and " + moreBeyondHeader
                        + " more cells to its right)" : "") + " but the header (row " + headerRow + ") names no column " + column
                        + "; clear the cell or delete the column"));
            }
            rows.add(readable ? new FileRow(row, fields, valueIsNumber) : FileRow.unreadable(row));
        }

        private void readHeader(int row, List<Cell> cells) throws HeaderRefused {
            List<String> names = new ArrayList<>();
            for (Cell cell : cells) {
                while (names.size() < cell.column()) {
                    names.add("");
                }
                names.add(cell.kind() == Kind.EMPTY || cell.kind() == Kind.DAMAGED ? "" : cell.text());
            }
            while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
                names.remove(names.size() - 1);
            }
            if (!HeaderCheck.check(names, row, errors)) {
                RowError refused = errors.remove(errors.size() - 1);
                errors.add(new RowError(refused.row(), refused.field(), refused.message() + sheetHint));
                throw new HeaderRefused();
            }
            header = names;
            headerRow = row;
        }

        /** The rows; null (with one error) when the sheet holds nothing at all. */
        List<FileRow> finish() {
            if (header == null) {
                errors.add(new RowError(1, "header", "sheet '" + sheet + "' is empty; its first non-empty row must name the"
                        + " columns: " + ObservationFileFormat.EXPECTED_HEADER + sheetHint));
                return null;
            }
            return rows;
        }

        private static String problem(String column, Cell cell) {
            return switch (cell.kind()) {
                case DATE -> column.equals(ObservationFileFormat.PERIOD)
                        ? "holds the date " + cell.text() + ", not a period: Excel turns a period typed as 2026-10 into a"
                                + " date; format the period column as Text and type the period again (e.g. 2026-10)"
                        : "holds the date " + cell.text() + ": format the column as "
                                + (column.equals(ObservationFileFormat.VALUE) ? "Number" : "Text") + " and type it again";
                case LOGICAL -> "holds the logical value " + cell.text() + ": type text or a number instead";
                case ERROR -> "holds Excel's error value " + cell.text() + ": correct the formula or type the " + column;
                case NO_RESULT -> "holds a formula whose result was not saved in the file: open the workbook in Excel and"
                        + " save it again, or type the " + column;
                case DAMAGED -> cell.text() + ": the workbook is damaged; open it in Excel and save it again, or type the " + column;
                default -> throw new IllegalStateException(cell.kind() + " is readable");
            };
        }
    }

    /** Whether a cell style shows its number as a date, per style index (the cell's {@code s} attribute). */
    private static final class DateFormats {

        private final StylesTable styles;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();

        DateFormats(StylesTable styles) {
            this.styles = styles;
        }

        boolean isDate(String style, double number) {
            if (styles == null || !DateUtil.isValidExcelDate(number)) {
                return false;
            }
            int index;
            try {
                index = style == null ? 0 : Integer.parseInt(style);
            } catch (NumberFormatException notAStyle) {
                return false;
            }
            return dateStyles.computeIfAbsent(index, this::isDateStyle);
        }

        private boolean isDateStyle(int index) {
            if (index < 0 || index >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle style = styles.getStyleAt(index);
            if (style == null) {
                return false;
            }
            int format = style.getDataFormat();
            String pattern = style.getDataFormatString();
            if (pattern == null) {
                pattern = BuiltinFormats.getBuiltinFormat(format);
            }
            return pattern != null && DateUtil.isADateFormat(format, pattern);
        }
    }

    /**
     * Streams a worksheet part: {@code <row r="7"><c r="B7" t="s" s="3"><f>…</f><v>…</v></c></row>}, with text in
     * the shared strings ({@code t="s"}), inline ({@code t="inlineStr"}, in {@code <is><t>}) or as a formula's result
     * ({@code t="str"}); no {@code t} or {@code t="n"} is a number, {@code b} logical, {@code e} an error value and
     * {@code d} an ISO 8601 date.
     */
    private static final class SheetHandler extends DefaultHandler {

        private final SharedStrings strings;
        private final DateFormats dateFormats;
        private final boolean date1904;
        private final SheetRows rows;

        private final List<Cell> cells = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int row;
        private int column;
        private String type;
        private String style;
        private boolean formula;
        private String value;
        private String inline;
        private boolean collecting;
        private int phonetic;

        SheetHandler(SharedStrings strings, DateFormats dateFormats, boolean date1904, SheetRows rows) {
            this.strings = strings;
            this.dateFormats = dateFormats;
            this.date1904 = date1904;
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (!XSSFRelation.NS_SPREADSHEETML.equals(uri)) {
                return;
            }
            switch (localName) {
                case "row" -> {
                    String number = attributes.getValue("r");
                    row = number != null ? rowNumber(number, row + 1) : row + 1;
                    column = -1;
                    cells.clear();
                }
                case "c" -> {
                    String reference = attributes.getValue("r");
                    column = reference != null ? columnOf(reference, row) : column + 1;
                    if (column >= MAX_COLUMNS) {
                        throw new Damaged(row, "row " + row + " has more cells than the " + MAX_COLUMNS + " columns of a sheet");
                    }
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    formula = false;
                    value = null;
                    inline = null;
                }
                case "f" -> formula = true;
                case "v" -> {
                    text.setLength(0);
                    collecting = true;
                }
                case "is" -> text.setLength(0);
                case "t" -> collecting = phonetic == 0;
                case "rPh" -> phonetic++;
                default -> {
                    // formatting, merged cells, hyperlinks: nothing an observation needs
                }
            }
        }

        @Override
        public void characters(char[] characters, int start, int length) {
            if (collecting) {
                text.append(characters, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (!XSSFRelation.NS_SPREADSHEETML.equals(uri)) {
                return;
            }
            switch (localName) {
                case "v" -> {
                    value = text.toString();
                    collecting = false;
                }
                case "t" -> collecting = false;
                case "is" -> inline = text.toString();
                case "rPh" -> phonetic--;
                case "c" -> cells.add(cell());
                case "row" -> rows.row(row, cells);
                default -> {
                    // nothing to do
                }
            }
        }

        private Cell cell() {
            String kind = type == null ? "n" : type;
            return switch (kind) {
                case "s" -> value == null || value.isBlank() ? empty() : sharedString(value.strip());
                case "inlineStr" -> inline == null ? empty() : text(new XSSFRichTextString(inline).getString());
                case "str" -> value == null ? (formula ? new Cell(column, Kind.NO_RESULT, "") : empty()) : text(value);
                case "b" -> value == null ? missing() : new Cell(column, Kind.LOGICAL, "1".equals(value.strip()) ? "TRUE" : "FALSE");
                case "e" -> value == null ? missing() : new Cell(column, Kind.ERROR, value.strip());
                case "d" -> value == null ? missing() : new Cell(column, Kind.DATE, value.strip());
                default -> value == null || value.isBlank() ? missing() : number(value.strip());
            };
        }

        private Cell sharedString(String index) {
            try {
                return text(strings.getItemAt(Integer.parseInt(index)).getString());
            } catch (RuntimeException missing) {
                return new Cell(column, Kind.DAMAGED, "refers to shared text number " + limited(index) + ", which the workbook"
                        + " does not hold (it holds " + strings.getCount() + ")");
            }
        }

        private Cell number(String written) {
            double number;
            try {
                number = Double.parseDouble(written);
            } catch (NumberFormatException notANumber) {
                return new Cell(column, Kind.DAMAGED, "is marked as a number but holds '" + limited(written) + "'");
            }
            if (!Double.isFinite(number)) {
                return new Cell(column, Kind.ERROR, written);
            }
            if (dateFormats.isDate(style, number)) {
                LocalDateTime date = DateUtil.getLocalDateTime(number, date1904);
                return new Cell(column, Kind.DATE, date.toLocalTime().equals(LocalTime.MIDNIGHT)
                        ? date.toLocalDate().toString()
                        : date.toString().replace('T', ' '));
            }
            // what getNumericCellValue gives, written as Excel displays it: at most 15 significant digits
            return new Cell(column, Kind.NUMBER, new BigDecimal(NumberToTextConverter.toText(number)).toPlainString());
        }

        private Cell text(String written) {
            String stripped = written.strip();
            return stripped.isEmpty() ? empty() : new Cell(column, Kind.TEXT, stripped);
        }

        private Cell missing() {
            return formula ? new Cell(column, Kind.NO_RESULT, "") : empty();
        }

        private Cell empty() {
            return new Cell(column, Kind.EMPTY, "");
        }

        /** The 1-based row number of a {@code <row r="...">}, which must be one Excel can have. */
        private static int rowNumber(String number, int expected) throws Damaged {
            if (number.length() <= 7 && number.chars().allMatch(Character::isDigit)) {
                int row = Integer.parseInt(number);
                if (row >= 1 && row <= MAX_ROW) {
                    return row;
                }
            }
            throw new Damaged(expected, "row number '" + limited(number) + "' is outside an Excel sheet (rows 1 to " + MAX_ROW + ")");
        }

        /** The 0-based column of a reference such as {@code AB12}, which must lie within A1:XFD1048576. */
        private static int columnOf(String reference, int row) throws Damaged {
            int column = 0;
            int letters = 0;
            for (; letters < reference.length() && Character.isLetter(reference.charAt(letters)); letters++) {
                column = column * 26 + (Character.toUpperCase(reference.charAt(letters)) - 'A' + 1);
                if (column > MAX_COLUMNS) {
                    throw new Damaged(row, "cell reference '" + limited(reference) + "' is outside an Excel sheet (A1 to XFD"
                            + MAX_ROW + ")");
                }
            }
            if (letters == 0) {
                throw new Damaged(row, "cell reference '" + limited(reference) + "' names no column");
            }
            return column - 1;
        }

        private static String limited(String text) {
            return text.length() > 20 ? text.substring(0, 20) + "…" : text;
        }
    }
}
