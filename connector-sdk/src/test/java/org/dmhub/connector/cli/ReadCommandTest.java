package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReconciliationStatus;
import org.junit.jupiter.api.Test;

class ReadCommandTest {

    @Test
    void aRecordIsPrintedOnOneLineWithItsDecimalsAsPeopleWriteThem() {
        BigDecimal zero = BigDecimal.ZERO.setScale(12);
        Reconciliation consistent = Reconciliation.newBuilder().setOperatingIndicator("DT-01").setStatisticalIndicator("TK-DT-01")
                .setDepartment("SKHDT").setArea("74").setAreaLevel("PROVINCE").setPeriod("2026-Q1")
                .setOperatingValue(new BigDecimal("80.000000000000")).setStatisticalValue(new BigDecimal("80.000000000000"))
                .setDifference(zero).setRelativeDifference(zero).setTolerance(new BigDecimal("0.050000000000"))
                .setFactor(new BigDecimal("1.000000000000")).setStatus(ReconciliationStatus.CONSISTENT)
                .setOperatingCompleteness(new BigDecimal("1.000000000000")).setRevision(3).setComputedAt(Instant.parse("2026-12-01T00:00:00Z"))
                .setAreaName("Bình Dương").setOperatingName("Vốn FDI").setStatisticalName("Vốn FDI (thống kê)").build();

        String line = ReadCommand.printed(consistent);

        assertThat(line).doesNotContain("\n").doesNotContain("0E-12")
                .contains("\"difference\": 0.000000000000", "\"relativeDifference\": 0.000000000000", "\"operatingValue\": 80.000000000000",
                        "\"status\": \"CONSISTENT\"", "\"areaName\": \"Bình Dương\"");
    }
}
