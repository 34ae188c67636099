package org.dmhub.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.Test;

class ObservationFileReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-05T08:30:00.123Z");

    /** The framework as the rules see it, without Kafka. */
    private static final CatalogLookup CATALOG = CatalogLookup.of(SampleFramework.INDICATORS, SampleFramework.AREAS);

    private static final String HEADER = "indicator,area,period,value,unit,revision,status,eventId,comment\n";

    @Test
    void readsTheDocumentedExampleWithDefaults() {
        FileReadResult result = csv(HEADER
                + "NS-01,25747,2026-10,1234.5,tỷ đồng,3,REPORTED,,\n"
                + "NS-01,25747,2026-09,,,4,RETRACTED,,sent twice by mistake\n"
                + "NS-01,25750,2026-10,0.000000000001,,,,,Số liệu ước tính\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(2, 3, 4);
        IndicatorObservation reported = result.valid().get(0).observation();
        assertThat(reported.getValue()).isEqualByComparingTo("1234.5");
        assertThat(reported.getUnit()).isEqualTo("tỷ đồng");
        assertThat(reported.getRevision()).isEqualTo(3L);
        assertThat(reported.getDepartment()).isEqualTo("STC");
        assertThat(reported.getSource()).isEqualTo("Kế toán ngân sách");
        IndicatorObservation retracted = result.valid().get(1).observation();
        assertThat(retracted.getStatus()).isEqualTo(ObservationStatus.RETRACTED);
        assertThat(retracted.getValue()).isNull();
        assertThat(retracted.getComment()).isEqualTo("sent twice by mistake");
        IndicatorObservation defaulted = result.valid().get(2).observation();
        assertThat(defaulted.getUnit()).as("the catalog's unit").isEqualTo("tỷ đồng");
        assertThat(defaulted.getRevision()).as("the publish time").isEqualTo(NOW.toEpochMilli());
        assertThat(defaulted.getStatus()).isEqualTo(ObservationStatus.REPORTED);
        assertThat(defaulted.getEventId()).matches("[0-9a-f-]{36}");
        assertThat(defaulted.getComment()).isEqualTo("Số liệu ước tính");
    }

    @Test
    void theSameRowGetsTheSameEventIdWhateverTheTimeOrTheValueNotation() {
        String row = "NS-01,25747,2026-10,1234.50,,,,,\n";
        IndicatorObservation first = csv(HEADER + row).valid().get(0).observation();
        IndicatorObservation later = new ObservationFileReader("STC", "other", CATALOG, false,
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC))
                .read((HEADER + row).getBytes(StandardCharsets.UTF_8), false).valid().get(0).observation();
        IndicatorObservation vietnamese = reader(true).read((HEADER + "NS-01,25747,2026-10,\"1.234,5\",,,,,\n")
                .getBytes(StandardCharsets.UTF_8), false).valid().get(0).observation();

        assertThat(later.getEventId()).isEqualTo(first.getEventId());
        assertThat(vietnamese.getEventId()).isEqualTo(first.getEventId());
        assertThat(vietnamese.getValue()).isEqualByComparingTo("1234.5");
        assertThat(csv(HEADER + "NS-01,25747,2026-10,1234.51,,,,,\n").valid().get(0).observation().getEventId())
                .isNotEqualTo(first.getEventId());
    }

    @Test
    void toleratesAByteOrderMarkAndColumnsInAnyOrder() {
        FileReadResult result = csv("\uFEFFvalue,period,area,indicator\r\n12,2026-10,25747,NS-01\r\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).singleElement().satisfies(row -> assertThat(row.row()).isEqualTo(2));
    }

    @Test
    void readsJsonLinesWithExactNumbers() {
        FileReadResult result = read("""
                {"indicator":"NS-01","area":"25747","period":"2026-10","value":1234.500000000001,"revision":7}

                {"indicator":"NS-01","area":"25750","period":"2026-10","value":"99","comment":"Phú Hòa"}
                """, true, false);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).extracting(NumberedObservation::row).containsExactly(1, 3);
        assertThat(result.valid().get(0).observation().getValue()).isEqualByComparingTo("1234.500000000001");
        assertThat(result.valid().get(0).observation().getRevision()).isEqualTo(7L);
    }

    @Test
    void wrongHeaderIsOneErrorNamingTheExpectedHeader() {
        FileReadResult result = csv("chi_tieu,dia_ban,ky,gia_tri\nNS-01,25747,2026-10,1\n");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.field()).isEqualTo("header");
            assertThat(error.message()).contains("missing indicator, area, period, value", "unknown chi_tieu",
                    ObservationFileFormat.EXPECTED_HEADER);
        });
    }

    @Test
    void nonNumericValueNamesTheRowAndTheValidForm() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,12,,,,,\nNS-01,25750,2026-10,\"1.234,5\",,,,,\n");

        assertThat(result.valid()).hasSize(1);
        assertThat(result.errors()).singleElement().hasToString("row 3, value: '1.234,5' is not a number; write a number with"
                + " '.' as decimal separator and no thousands separator (e.g. 1234.5), or use --decimal-comma for the form 1.234,5");
    }

    @Test
    void infiniteAndNotANumberValuesAreRefused() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,NaN,,,,,\nNS-01,25750,2026-10,Infinity,,,,,\n");

        assertThat(result.errors()).extracting(RowError::row).containsExactly(2, 3);
        assertThat(result.errors()).allSatisfy(error -> assertThat(error.message()).endsWith("[NOT_FINITE]"));
    }

    @Test
    void badPeriodGivesTheHubsReasonAndTheForm() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-Q4,12,,,,,\n");

        assertThat(result.errors()).singleElement().hasToString("row 2, period: '2026-Q4' is not a period of NS-01, which is"
                + " reported MONTHLY: write YYYY-MM (e.g. 2026-10) [PERIOD_MISMATCH]");
    }

    @Test
    void unknownIndicatorAndAnotherDepartmentsIndicatorAreRefused() {
        FileReadResult result = csv(HEADER + "XX-99,25747,2026-10,12,,,,,\nDN-01,25747,2026-10,3,,,,,\n");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).anySatisfy(error -> {
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.message()).endsWith("[UNKNOWN_INDICATOR]");
        });
        assertThat(result.errors()).anySatisfy(error ->
                assertThat(error).hasToString("row 3, department: indicator DN-01 belongs to department SKHDT, not STC [DEPARTMENT_NOT_OWNER]"));
    }

    @Test
    void overLongFieldsAreRefusedWithTheLimit() {
        String comment = "x".repeat(ObservationFileFormat.MAX_COMMENT_LENGTH + 1);
        String area = "9".repeat(ObservationFileFormat.MAX_CODE_LENGTH + 1);
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,12,,,,," + comment + "\nNS-01," + area + ",2026-10,12,,,,,\n");

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).extracting(RowError::toString).contains(
                "row 2, comment: is 1001 characters long; at most 1000 are accepted",
                "row 3, area: is 65 characters long; at most 64 are accepted");
    }

    @Test
    void aBinaryFileIsOneClearError() {
        byte[] workbook = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, (byte) 0xFF, (byte) 0xFE};

        FileReadResult result = reader(false).read(workbook, false);

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.field()).isEqualTo("file");
            assertThat(error.message()).contains("not UTF-8 text", "CSV UTF-8");
        });
    }

    @Test
    void wrongStatusRevisionAndEventIdAreNamed() {
        FileReadResult result = csv(HEADER + "NS-01,25747,2026-10,12,,-1,DONE,abc,\n");

        assertThat(result.errors()).extracting(RowError::field).containsExactlyInAnyOrder("status", "revision", "eventId");
    }

    @Test
    void extraValuesOnARowAreReported() {
        FileReadResult result = csv("indicator,area,period,value\nNS-01,25747,2026-10,1,5\n");

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.row()).isEqualTo(2));
    }

    private static FileReadResult csv(String text) {
        return read(text, false, false);
    }

    private static FileReadResult read(String text, boolean jsonLines, boolean decimalComma) {
        return reader(decimalComma).read(text.getBytes(StandardCharsets.UTF_8), jsonLines);
    }

    private static ObservationFileReader reader(boolean decimalComma) {
        return new ObservationFileReader("STC", "Kế toán ngân sách", CATALOG, decimalComma, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
