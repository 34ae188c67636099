package org.dmhub.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and JSON-lines files that are damaged or made to hurt: each is refused with a message naming the row (and
 * the field) and what would be valid, without holding an over-long line in memory, and the reader goes on to read
 * the next valid file. The timeouts only guard against a reader that hangs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileTextFilesTest {

    private static final Instant NOW = Instant.parse("2026-11-05T08:30:00.123Z");
    private static final CatalogLookup CATALOG = CatalogLookup.of(SampleFramework.INDICATORS, SampleFramework.AREAS);
    private static final String HEADER = "indicator,area,period,value,unit,revision,status,eventId,comment\n";
    private static final String VALID_CSV = HEADER + "NS-01,25747,2026-10,1234.5,,,,,\n";
    private static final String VALID_JSON = "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":12}\n";

    @TempDir
    Path folder;

    private final ObservationFileReader reader = new ObservationFileReader("STC", "test", CATALOG, false,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCsvLineOfSixtyMegabytesIsRefusedByItsLengthAndTheNextFileIsRead() throws IOException {
        Path huge = folder.resolve("huge.csv");
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            out.write("NS-01,25747,2026-10,".getBytes(StandardCharsets.UTF_8));
            byte[] digits = new byte[1024 * 1024];
            Arrays.fill(digits, (byte) '9');
            for (int megabyte = 0; megabyte < 60; megabyte++) {
                out.write(digits);
            }
            out.write(",,,,,\nNS-01,25750,2026-10,1,,,,,\n".getBytes(StandardCharsets.UTF_8));
        }

        FileReadResult result = reader.read(huge);

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.field()).isEqualTo("row");
            assertThat(error.message()).startsWith("is 62914585 bytes long, longer than the 65536 bytes a line may hold")
                    .contains("--max-line-length").hasSizeLessThan(400);
        });
        assertNextValidFilesAreRead();
    }

    @Test
    void aLongerLineIsReadWhenTheLimitIsRaised() {
        String comment = "x".repeat(200);
        byte[] content = (HEADER + "NS-01,25747,2026-10,1234.5,,,,," + comment + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(reader.withMaxLineBytes(100).read(content, false).errors()).singleElement()
                .satisfies(error -> assertThat(error.toString()).startsWith("row 2, row: is 231 bytes long, longer than the 100 bytes"));
        assertThat(reader.withMaxLineBytes(300).read(content, false).errors()).isEmpty();
    }

    @Test
    void anOverLongJsonLineIsOneRowErrorAndTheOtherLinesAreRead() {
        String longLine = "{\"indicator\":\"NS-01\",\"comment\":\"" + "x".repeat(100_000) + "\"}\n";

        FileReadResult result = json(VALID_JSON + longLine + VALID_JSON.replace("25747", "25750"));

        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(1, 3);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.message()).startsWith("is 100034 bytes long, longer than the 65536 bytes a line may hold");
        });
    }

    @Test
    void aValueLyingAboutItsExponentIsRefusedWithoutBeingWrittenOut() {
        FileReadResult result = json("{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1e2147483647}\n"
                + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-09\",\"value\":1e-2147483647}\n"
                + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-08\",\"value\":1,\"revision\":1e400}\n");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).extracting(RowError::toString).containsExactly(
                "row 1, value: is the number 1E+2147483647, 2147483648 characters long when written out; at most 64 are"
                        + " accepted: a value has at most 26 digits before the decimal point and 12 after it [PRECISION_EXCEEDED]",
                "row 2, value: is the number 1E-2147483647, 2147483649 characters long when written out; at most 64 are"
                        + " accepted: a value has at most 26 digits before the decimal point and 12 after it [PRECISION_EXCEEDED]",
                "row 3, revision: is the number 1E+400, 401 characters long when written out; at most 64 are accepted");
        assertNextValidFilesAreRead();
    }

    @Test
    void aShortValueWithAnExponentIsWrittenOutAndCheckedByTheRules() {
        FileReadResult result = json("{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1.5e3}\n"
                + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-09\",\"value\":1e30}\n");

        assertThat(result.valid()).singleElement().satisfies(row -> assertThat(row.observation().getValue()).isEqualByComparingTo("1500"));
        assertThat(result.errors()).extracting(RowError::toString).contains(
                "row 2, value: 1000000000000000000000000000000 has more than 26 digits before the decimal point [PRECISION_EXCEEDED]");
    }

    @Test
    void anOverLongCsvFieldIsNamedByItsLengthAndNotQuoted() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10," + "7".repeat(10_000) + ",,,,,\n");

        assertThat(result.errors()).extracting(RowError::toString)
                .containsExactly("row 2, value: is 10000 characters long; at most 64 are accepted");
    }

    @Test
    void aTruncatedCsvFileNamesTheRowWhoseQuoteIsNotClosed() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,1,,,,,\nNS-01,25750,2026-10,2,,,,,\"Số liệu ước t");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(3);
            assertThat(error.message()).contains("is not closed before the end of the file", "truncated");
        });
        assertNextValidFilesAreRead();
    }

    @Test
    void aCsvValueWithTextAfterItsClosingQuoteNamesTheRow() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,1,,,,,\nNS-01,25750,2026-10,\"2\"x,,,,,\n");

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).as(error.toString()).isEqualTo(3);
            assertThat(error.message()).startsWith("cannot be read as CSV (");
        });
    }

    @Test
    void aFileCutInTheMiddleOfACharacterIsNotUtf8TextAtItsLastLine() {
        byte[] whole = (HEADER + "NS-01,25747,2026-10,1,,,,,Phú").getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 1);

        FileReadResult result = reader.read(truncated, false);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.field()).isEqualTo("file");
            assertThat(error.message()).contains("not UTF-8 text", "position " + (whole.length - 2));
        });
    }

    @Test
    void aTruncatedJsonLineIsNamedAndTheCompleteLinesAreRead() {
        FileReadResult result = json(VALID_JSON + "{\"indicator\":\"NS-01\",\"area\":\"257");

        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(1);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.message()).startsWith("is not a JSON object: ");
        });
    }

    @Test
    void wrongTypesAndRepeatedKeysInJsonAreNamed() {
        FileReadResult result = json("{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":true}\n"
                + "{\"indicator\":\"NS-01\",\"area\":[\"25747\"],\"period\":\"2026-10\",\"value\":1}\n"
                + "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":1,\"value\":2}\n");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).extracting(RowError::toString).containsExactly(
                "row 1, value: is boolean; write a string or a number",
                "row 2, area: is array; write a string or a number",
                "row 3, row: is not a JSON object: Duplicate Object property \"value\"");
    }

    @Test
    void binaryGarbageIsOneErrorForTheWholeFile() {
        byte[] garbage = new byte[200_000];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'i';

        for (boolean jsonLines : new boolean[] {false, true}) {
            FileReadResult result = reader.read(garbage, jsonLines);

            assertThat(result.valid()).isEmpty();
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("file");
                assertThat(error.message()).contains("not UTF-8 text", "CSV UTF-8");
            });
        }
        assertNextValidFilesAreRead();
    }

    @Test
    void textWithoutLineBreaksIsRefusedByItsFirstLine() {
        byte[] oneLine = new byte[5_000_000];
        Arrays.fill(oneLine, (byte) 'a');

        FileReadResult result = reader.read(oneLine, false);

        assertThat(result.errors()).singleElement()
                .satisfies(error -> assertThat(error.toString()).startsWith("row 1, row: is 5000000 bytes long"));
    }

    private void assertNextValidFilesAreRead() {
        FileReadResult csv = csv(VALID_CSV);
        FileReadResult json = json(VALID_JSON);
        assertThat(csv.errors()).isEmpty();
        assertThat(csv.valid()).hasSize(1);
        assertThat(json.errors()).isEmpty();
        assertThat(json.valid()).hasSize(1);
    }

    private FileReadResult csv(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), false);
    }

    private FileReadResult json(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), true);
    }
}
