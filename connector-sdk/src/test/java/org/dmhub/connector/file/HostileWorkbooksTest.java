package org.dmhub.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excel workbooks that are damaged or made to hurt — a zip bomb, cell references outside any sheet, a truncated
 * file, a reference to a shared string that does not exist — are refused with one message naming the row (and cell)
 * and what to do, and the next valid workbook is read. The timeout only guards against a reader that hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileWorkbooksTest {

    private static final String SHEET = "xl/worksheets/sheet1.xml";
    private static final CatalogLookup CATALOG = CatalogLookup.of(SampleFramework.INDICATORS, SampleFramework.AREAS);

    @TempDir
    Path folder;

    private final ObservationFileReader reader = new ObservationFileReader("STC", "test", CATALOG, false,
            Clock.fixed(Instant.parse("2026-11-05T08:30:00Z"), ZoneOffset.UTC));

    @Test
    void aZipBombIsRefusedPlainlyAndTheNextWorkbookIsRead() throws IOException {
        // a sheet that inflates to 1 GB from about a megabyte: whitespace between two rows compresses a thousandfold
        byte[] bomb = bomb(validWorkbook(), 1L << 30);
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        Path file = folder.resolve("bomb.xlsx");
        Files.write(file, bomb);

        FileReadResult result = reader.read(file);

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.field()).isEqualTo("file");
            assertThat(error.message()).startsWith("the workbook is refused: its part " + SHEET + " expands to more than 100 times")
                    .contains("zip bomb", "Excel Workbook (.xlsx)").doesNotContain("ZipSecureFile", "setMinInflateRatio");
        });
        assertNextValidWorkbookIsRead();
    }

    @Test
    void aCellReferenceOutsideAnySheetIsRefusedWithoutBuildingTheRow() throws IOException {
        byte[] workbook = replaceInSheet(validWorkbook(), "r=\"B2\"", "r=\"XFEZZZZ2\"");

        FileReadResult result = reader.read(workbook, ObservationFileFormat.FileType.XLSX, null);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.message()).contains("XFEZZZZ2", "outside", "XFD1048576");
        });
        assertNextValidWorkbookIsRead();
    }

    @Test
    void aRowNumberOutsideAnySheetIsRefused() throws IOException {
        byte[] workbook = replaceInSheet(validWorkbook(), "<row r=\"2\"", "<row r=\"99999999999\"");

        FileReadResult result = reader.read(workbook, ObservationFileFormat.FileType.XLSX, null);

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .contains("row number '99999999999'", "1048576"));
    }

    @Test
    void aReferenceToASharedStringThatDoesNotExistNamesTheCell() throws IOException {
        byte[] workbook = replaceInSheet(validWorkbook(), "<c r=\"A2\" t=\"s\" s=\"0\"><v>", "<c r=\"A2\" t=\"s\" s=\"0\"><v>9999");

        FileReadResult result = reader.read(workbook, ObservationFileFormat.FileType.XLSX, null);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.field()).isEqualTo("indicator");
            assertThat(error.message()).contains("cell A2", "damaged");
        });
    }

    @Test
    void cellsBeyondTheHeaderAreOneErrorPerRow() throws IOException {
        Path file = folder.resolve("wide.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            header(sheet);
            Row row = sheet.createRow(1);
            String[] values = {"NS-01", "25747", "2026-10", "12"};
            for (int column = 0; column < 2000; column++) {
                row.createCell(column).setCellValue(column < values.length ? values[column] : "x");
            }
            workbook.write(out);
        }

        FileReadResult result = reader.read(file);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.message()).contains("cell E2", "and 1995 more cells", "names no column");
        });
    }

    @Test
    void aTruncatedWorkbookIsOneClearError() throws IOException {
        byte[] whole = validWorkbook();
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        FileReadResult result = reader.read(truncated, ObservationFileFormat.FileType.XLSX, null);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.toString()).startsWith("row 1, file: cannot be read as an Excel workbook");
            assertThat(error.message()).contains("save it again");
        });
        assertNextValidWorkbookIsRead();
    }

    private void assertNextValidWorkbookIsRead() throws IOException {
        FileReadResult valid = reader.read(validWorkbook(), ObservationFileFormat.FileType.XLSX, null);
        assertThat(valid.errors()).isEmpty();
        assertThat(valid.valid()).hasSize(1);
    }

    private static void header(Sheet sheet) {
        Row header = sheet.createRow(0);
        String[] names = {"indicator", "area", "period", "value"};
        for (int column = 0; column < names.length; column++) {
            header.createCell(column).setCellValue(names[column]);
        }
    }

    private static byte[] validWorkbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Tháng 10");
            header(sheet);
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("NS-01");
            row.createCell(1).setCellValue("25747");
            row.createCell(2).setCellValue("2026-10");
            row.createCell(3).setCellValue(12);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] replaceInSheet(byte[] workbook, String from, String to) throws IOException {
        return replacePart(workbook, SHEET, sheet -> {
            String xml = new String(sheet, StandardCharsets.UTF_8);
            assertThat(xml).contains(from);
            return xml.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** The workbook with one part's content replaced. */
    private static byte[] replacePart(byte[] workbook, String part, UnaryOperator<byte[]> change) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook)); ZipOutputStream out = new ZipOutputStream(copy)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(part) ? change.apply(content) : content);
                out.closeEntry();
            }
        }
        return copy.toByteArray();
    }

    /** The workbook with {@code spaces} spaces written before the end of its sheet's rows, streamed into the zip. */
    private static byte[] bomb(byte[] workbook, long spaces) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook)); ZipOutputStream out = new ZipOutputStream(copy)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(SHEET)) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.indexOf("</sheetData>");
                    out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    byte[] blank = new byte[1 << 20];
                    Arrays.fill(blank, (byte) ' ');
                    for (long written = 0; written < spaces; written += blank.length) {
                        out.write(blank);
                    }
                    out.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        return copy.toByteArray();
    }
}
