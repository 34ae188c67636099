package org.dmhub.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dmhub.connector.file.ObservationFileFormat.FileType;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Excel workbooks, built here with POI as Excel would save them, read into the same rows as a CSV file. */
class XlsxRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-05T08:30:00.123Z");
    private static final Object[] HEADER = {"indicator", "area", "period", "value", "unit", "revision", "status", "eventId", "comment"};

    /** The sample framework without an upper bound on NS-01, so that long values reach the reader unrefused. */
    private static final CatalogLookup CATALOG = CatalogLookup.of(List.of(
            IndicatorDefinition.newBuilder(SampleFramework.BUDGET_REVENUE).setValidMax(null).build(),
            SampleFramework.NEW_ENTERPRISES), SampleFramework.AREAS);

    @TempDir
    Path folder;

    @Test
    void numbersAreTheDecimalsExcelShowsAndTextIsKeptAsTyped() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747, "2026-10", 1234.5, "tỷ đồng", 3, null, null, "Xã Định Hòa");
            row(sheet, 3, "NS-01", 25750, "2026-10", 0.1 + 0.2);
            row(sheet, 4, "NS-01", "25747", "2026-09", 98765.1234567891, null, 1730800000000L);
            row(sheet, 5, "NS-01", 25750, "2026-09", "12345678901234567890.123456789012", " tỷ đồng ", null, "REPORTED", null,
                    "Số liệu ước tính, tỷ đồng");
            row(sheet, 6, "NS-01", 25747, "2026-08", 123456789012345.0);
        });

        FileReadResult result = reader(false).read(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(2, 3, 4, 5, 6);
        List<IndicatorObservation> read = result.valid().stream().map(NumberedObservation::observation).toList();
        assertThat(read.get(0).getValue()).isEqualByComparingTo("1234.5");
        assertThat(read.get(0).getArea()).as("a code typed as a number").isEqualTo("25747");
        assertThat(read.get(0).getRevision()).isEqualTo(3L);
        assertThat(read.get(0).getUnit()).isEqualTo("tỷ đồng");
        assertThat(read.get(0).getComment()).isEqualTo("Xã Định Hòa");
        assertThat(read.get(1).getValue()).as("0.1 + 0.2 as Excel shows it").isEqualByComparingTo("0.3");
        assertThat(read.get(2).getValue()).as("15 significant digits").isEqualByComparingTo("98765.1234567891");
        assertThat(read.get(2).getRevision()).isEqualTo(1730800000000L);
        assertThat(read.get(3).getValue()).as("text keeps every digit").isEqualByComparingTo("12345678901234567890.123456789012");
        assertThat(read.get(3).getUnit()).isEqualTo("tỷ đồng");
        assertThat(read.get(3).getComment()).isEqualTo("Số liệu ước tính, tỷ đồng");
        assertThat(read.get(4).getValue()).isEqualByComparingTo("123456789012345");
    }

    @Test
    void cellsBecomeTheTextACsvFileWouldHold() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747.0, "2026-10", 0.1 + 0.2, null, 3.0, null, null, 12.50);
            row(sheet, 3, "NS-01", 25747, "2026", 1e21, null, null, null, null, 1e-10);
        });

        List<RowError> errors = new ArrayList<>();
        List<FileRow> rows = XlsxRows.read(Files.readAllBytes(file), null, errors);

        assertThat(errors).isEmpty();
        assertThat(rows).extracting(FileRow::fields).containsExactly(
                java.util.Map.of("indicator", "NS-01", "area", "25747", "period", "2026-10", "value", "0.3", "revision", "3",
                        "comment", "12.5"),
                java.util.Map.of("indicator", "NS-01", "area", "25747", "period", "2026", "value", "1000000000000000000000",
                        "comment", "0.0000000001"));
        assertThat(rows).allSatisfy(row -> assertThat(row.valueIsNumber()).isTrue());
    }

    @Test
    void aNumericValueIsNeverReadWithTheDecimalComma() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747, "2026-10", 1.234);
            row(sheet, 3, "NS-01", 25750, "2026-10", "1.234,5");
        });

        FileReadResult result = reader(true).read(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid().get(0).observation().getValue()).isEqualByComparingTo("1.234");
        assertThat(result.valid().get(1).observation().getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    void rowNumbersAreExcelsAndEmptyRowsAreSkipped() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            sheet.createRow(0).createCell(0).setCellValue("   ");
            row(sheet, 3, HEADER);
            row(sheet, 4, "NS-01", 25747, "2026-10", 1);
            sheet.createRow(5).createCell(2).setBlank();
            row(sheet, 8, "NS-01", 25750, "2026-10", "abc");
            row(sheet, 9, "NS-01", 99999, "2026-10", 2);
        });

        FileReadResult result = reader(false).read(file);

        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(4);
        assertThat(result.errors()).extracting(RowError::toString).containsExactly(
                "row 8, value: 'abc' is not a number; write a number with '.' as decimal separator and no thousands separator"
                        + " (e.g. 1234.5)",
                "row 9, area: area 99999 is not in the framework's area list [UNKNOWN_AREA]");
    }

    @Test
    void aPeriodThatExcelTurnedIntoADateIsNamedWithTheDate() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            CellStyle monthYear = workbook.createCellStyle();
            monthYear.setDataFormat(workbook.createDataFormat().getFormat("mmm-yy"));
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747, "2026-09", 1);
            Cell period = row(sheet, 3, "NS-01", 25747, null, 2).createCell(2);
            period.setCellValue(LocalDate.of(2026, 10, 1));
            period.setCellStyle(monthYear);
        });

        FileReadResult result = reader(false).read(file);

        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(2);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(3);
            assertThat(error.field()).isEqualTo("period");
            assertThat(error.message()).contains("C3", "the date 2026-10-01", "format the period column as Text",
                    "type the period again (e.g. 2026-10)");
        });
    }

    @Test
    void formulasGiveTheirSavedResultAndOddCellsAreNamed() throws IOException {
        Path file = workbook("thang10.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747, "2026-10").createCell(3).setCellFormula("1000+234.5");
            row(sheet, 3, "NS-01", 25750, "2026-10", true);
            row(sheet, 4, "NS-01", 25750, "2026-09").createCell(3).setCellErrorValue(FormulaError.DIV0.getCode());
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            row(sheet, 5, "NS-01", 25750, "2026-08").createCell(3).setCellFormula("1+1");
        });

        FileReadResult result = reader(false).read(file);

        assertThat(result.valid()).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(2);
            assertThat(row.observation().getValue()).isEqualByComparingTo("1234.5");
        });
        assertThat(result.errors()).extracting(RowError::toString).containsExactly(
                "row 3, value: cell D3 holds the logical value TRUE: type text or a number instead",
                "row 4, value: cell D4 holds Excel's error value #DIV/0!: correct the formula or type the value",
                "row 5, value: cell D5 holds a formula whose result was not saved in the file: open the workbook in Excel and"
                        + " save it again, or type the value");
        assertThat(result.rowCount()).isEqualTo(4);
    }

    @Test
    void aStreamedWorkbookWithInlineTextReadsTheSame() throws IOException {
        Path file = folder.resolve("thang10.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, HEADER);
            row(sheet, 2, "NS-01", 25747, "2026-10", 1234.5, "tỷ đồng", null, null, null, "Xã Định Hòa");
            workbook.write(out);
        }

        FileReadResult result = reader(false).read(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).singleElement().satisfies(row -> {
            assertThat(row.observation().getComment()).isEqualTo("Xã Định Hòa");
            assertThat(row.observation().getArea()).isEqualTo("25747");
        });
    }

    @Test
    void aWrongHeaderIsOneErrorOnItsRowNamingTheSheets() throws IOException {
        Path file = workbook("bao-cao.xlsx", workbook -> {
            Sheet cover = workbook.createSheet("Bìa");
            row(cover, 2, "Báo cáo thu ngân sách tháng 10");
            Sheet data = workbook.createSheet("Tháng 10");
            row(data, 1, HEADER);
            row(data, 2, "NS-01", 25747, "2026-10", 1);
        });

        FileReadResult result = reader(false).read(file);

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.field()).isEqualTo("header");
            assertThat(error.message()).contains("missing indicator, area, period, value", "unknown Báo cáo thu ngân sách tháng 10",
                    ObservationFileFormat.EXPECTED_HEADER, "read sheet 'Bìa', the first of 'Bìa', 'Tháng 10'; choose another with --sheet");
        });
        assertThat(reader(false).read(file, "tháng 10").valid()).singleElement()
                .satisfies(row -> assertThat(row.row()).isEqualTo(2));
    }

    @Test
    void anUnknownSheetListsTheSheets() throws IOException {
        Path file = workbook("bao-cao.xlsx", workbook -> {
            workbook.createSheet("Tháng 10");
            workbook.createSheet("Tháng 11");
        });

        FileReadResult result = reader(false).read(file, "Tháng 12");

        assertThat(result.errors()).singleElement().hasToString(
                "row 1, sheet: the workbook has no sheet 'Tháng 12'; its sheets are 'Tháng 10', 'Tháng 11'");
    }

    @Test
    void anEmptySheetAndACellOutsideTheHeaderAreNamed() throws IOException {
        Path empty = workbook("empty.xlsx", workbook -> workbook.createSheet("Tháng 10"));
        Path extra = workbook("extra.xlsx", workbook -> {
            Sheet sheet = workbook.createSheet("Tháng 10");
            row(sheet, 1, "indicator", "area", "period", "value");
            row(sheet, 2, "NS-01", 25747, "2026-10", 1, "ghi chú");
        });

        assertThat(reader(false).read(empty).errors()).singleElement().satisfies(error ->
                assertThat(error.toString()).startsWith("row 1, header: sheet 'Tháng 10' is empty"));
        assertThat(reader(false).read(extra).errors()).singleElement().hasToString(
                "row 2, row: cell E2 holds 'ghi chú' but the header (row 1) names no column E; clear the cell or delete the column");
    }

    @Test
    void aFileThatIsNotAWorkbookIsOneClearError() throws IOException {
        Path csv = Files.writeString(folder.resolve("thang10.xlsx"), "indicator,area,period,value\nNS-01,25747,2026-10,1\n",
                StandardCharsets.UTF_8);
        Path old = Files.write(folder.resolve("old.xlsx"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
            (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});
        Path zip = Files.write(folder.resolve("broken.xlsx"), new byte[] {'P', 'K', 3, 4, 0x14, 0, 6, 0, (byte) 0xFF, 0});

        assertThat(reader(false).read(csv).errors()).singleElement().hasToString("row 1, file: is not an Excel workbook although"
                + " its name ends in .xlsx: it holds text; if it is CSV, name it .csv (or .jsonl for JSON lines)");
        assertThat(reader(false).read(old).errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("Excel 97-2003 workbook (.xls)", "Excel Workbook (.xlsx)"));
        assertThat(reader(false).read(zip).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("file");
            assertThat(error.message()).startsWith("cannot be read as an Excel workbook");
        });
    }

    @Test
    void aWorkbookNamedCsvIsNamedAsAWorkbook() throws IOException {
        Path file = workbook("thang10.csv", workbook -> row(workbook.createSheet("Tháng 10"), 1, HEADER));

        FileReadResult result = reader(false).read(file);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("file");
            assertThat(error.message()).contains("not UTF-8 text", "Excel workbook", "name it .xlsx", "CSV UTF-8");
        });
    }

    @Test
    void theFormFollowsTheFileName() {
        assertThat(ObservationFileFormat.fileType(Path.of("Bao cao.XLSX"))).isEqualTo(FileType.XLSX);
        assertThat(ObservationFileFormat.fileType(Path.of("thang10.jsonl"))).isEqualTo(FileType.JSON_LINES);
        assertThat(ObservationFileFormat.fileType(Path.of("thang10.csv"))).isEqualTo(FileType.CSV);
        assertThat(ObservationFileFormat.fileType(Path.of("thang10.txt"))).isEqualTo(FileType.CSV);
    }

    /** One row at its Excel row number: String text, Number numeric, Boolean logical, null no cell. */
    private static Row row(Sheet sheet, int excelRow, Object... values) {
        Row row = sheet.createRow(excelRow - 1);
        for (int column = 0; column < values.length; column++) {
            Object value = values[column];
            if (value instanceof String text) {
                row.createCell(column).setCellValue(text);
            } else if (value instanceof Number number) {
                row.createCell(column).setCellValue(number.doubleValue());
            } else if (value instanceof Boolean logical) {
                row.createCell(column).setCellValue(logical);
            }
        }
        return row;
    }

    private Path workbook(String name, WorkbookContent content) throws IOException {
        Path file = folder.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            content.fill(workbook);
            workbook.write(out);
        }
        return file;
    }

    @FunctionalInterface
    private interface WorkbookContent {
        void fill(Workbook workbook);
    }

    private static ObservationFileReader reader(boolean decimalComma) {
        return new ObservationFileReader("STC", "Kế toán ngân sách", CATALOG, decimalComma, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
