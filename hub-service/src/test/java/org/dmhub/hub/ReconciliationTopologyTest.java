package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmhub.hub.HubTopologyDriver.observation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.Periodicity;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReconciliationStatus;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A monthly operating indicator beside its quarterly statistical one, through the real topology: the months rolled up
 * over the quarter, times the link's factor, compared at the statistical indicator's level, every change re-published.
 */
class ReconciliationTopologyTest {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private static final String KEY = "NS-01|TK-NS-01|74|2026-Q1";
    private HubTopologyDriver hub;

    @BeforeEach
    void startHub() throws Exception {
        hub = new HubTopologyDriver(registry.baseUrl());
        hub.publishCatalog(List.of(new Department("STC", "Sở Tài chính"), new Department("CTK", "Cục Thống kê")),
                List.of(new AdminArea("74", "Bình Dương", "PROVINCE", null), new AdminArea("718", "Thủ Dầu Một", "DISTRICT", "74"),
                        new AdminArea("25747", "Phú Cường", "COMMUNE", "718"), new AdminArea("25750", "Hiệp Thành", "COMMUNE", "718")),
                List.of(budget("0.02"), statistic()));
    }

    @AfterEach
    void stopHub() throws Exception {
        hub.close();
    }

    /** Monthly, in billions of dong, by commune; compared with the quarterly figure in thousands of billions. */
    private static IndicatorDefinition budget(String tolerance) {
        return FromScratchView.indicator("NS-01", Aggregation.SUM, "STC").setName("Thu ngân sách").setUnit("tỷ đồng")
                .setStatisticalLink("TK-NS-01").setStatisticalFactor(new BigDecimal("0.001").setScale(12))
                .setStatisticalTolerance(new BigDecimal(tolerance).setScale(12)).build();
    }

    private static IndicatorDefinition statistic() {
        return FromScratchView.indicator("TK-NS-01", Aggregation.SUM, "CTK").setName("Thu ngân sách (thống kê)")
                .setUnit("nghìn tỷ đồng").setPeriodicity(Periodicity.QUARTERLY).setReportingLevel("PROVINCE")
                .setKind(IndicatorKind.STATISTICAL).build();
    }

    private static IndicatorObservation month(String commune, String month, String value, long revision) {
        return observation("STC", "NS-01", commune, month, value, "tỷ đồng", revision);
    }

    private static IndicatorObservation quarter(String value, long revision) {
        return observation("CTK", "TK-NS-01", "74", "2026-Q1", value, "nghìn tỷ đồng", revision);
    }

    /** Both communes' three months (100, 110, 120 and 50, 60, 70: 510 in all), then the statistic. */
    private static IndicatorObservation[] everyMonthAnd(IndicatorObservation statistic) {
        return new IndicatorObservation[] {month("25747", "2026-01", "100", 1), month("25747", "2026-02", "110", 1),
                month("25747", "2026-03", "120", 1), month("25750", "2026-01", "50", 1), month("25750", "2026-02", "60", 1),
                month("25750", "2026-03", "70", 1), statistic};
    }

    private void publishAndRollUp(IndicatorObservation... observations) {
        for (IndicatorObservation observation : observations) {
            hub.publish(observation);
        }
        // the month's roll-ups, then the quarter's, and the reconciliation of what they published
        hub.letRollupsRun();
    }

    private static void assertFigures(Reconciliation record, String operating, String statistical, String difference,
            String relativeDifference, ReconciliationStatus status) {
        assertThat(record.getOperatingValue()).isEqualTo(operating == null ? null : new BigDecimal(operating));
        assertThat(record.getStatisticalValue()).isEqualTo(statistical == null ? null : new BigDecimal(statistical));
        assertThat(record.getDifference()).isEqualTo(difference == null ? null : new BigDecimal(difference));
        assertThat(record.getRelativeDifference()).isEqualTo(relativeDifference == null ? null : new BigDecimal(relativeDifference));
        assertThat(record.getStatus()).isEqualTo(status);
    }

    @Test
    void threeMonthsBesideTheirQuarterDivergeThenACorrectedMonthMakesThemConsistent() {
        publishAndRollUp(month("25747", "2026-01", "100", 1), month("25747", "2026-02", "110", 1),
                month("25750", "2026-01", "50", 1), month("25750", "2026-02", "60", 1));
        List<TestRecord<String, Reconciliation>> first = hub.reconciliationRecords();
        // only at the statistical indicator's level (the province): not for the district or the communes
        assertThat(first).extracting(TestRecord::key).containsExactly(KEY);
        // 0.001 · (100 + 110 + 50 + 60) = 0.32, from 4 of the 2 communes × 3 months
        assertFigures(first.get(0).value(), "0.320000000000", null, null, null, ReconciliationStatus.NO_STATISTIC);
        assertThat(first.get(0).value().getOperatingCompleteness()).isEqualTo(new BigDecimal("0.666666666667"));
        assertThat(first.get(0).value().getRevision()).isEqualTo(1);

        publishAndRollUp(quarter("0.48", 1));
        assertFigures(single(), "0.320000000000", "0.480000000000", "-0.160000000000", "-0.333333333333",
                ReconciliationStatus.INCOMPLETE);

        publishAndRollUp(month("25747", "2026-03", "120", 1), month("25750", "2026-03", "70", 1));
        // 0.001 · 510 = 0.51 against 0.48: 0.03 more, 6.25 % of it, beyond the 2 % tolerance
        Reconciliation divergent = single();
        assertFigures(divergent, "0.510000000000", "0.480000000000", "0.030000000000", "0.062500000000",
                ReconciliationStatus.DIVERGENT);
        assertThat(divergent.getOperatingCompleteness()).isEqualByComparingTo("1");
        assertThat(divergent.getTolerance()).isEqualTo(new BigDecimal("0.020000000000"));
        assertThat(divergent.getFactor()).isEqualTo(new BigDecimal("0.001000000000"));
        assertThat(divergent).extracting(Reconciliation::getOperatingIndicator, Reconciliation::getStatisticalIndicator,
                Reconciliation::getDepartment, Reconciliation::getArea, Reconciliation::getPeriod, Reconciliation::getRevision)
                .containsExactly("NS-01", "TK-NS-01", "STC", "74", "2026-Q1", 3L);
        assertThat(hub.gauge("dmhub.reconciliation.divergent", "department", "STC")).isEqualTo(1.0);

        // March of Phú Cường was 90, not 120: the quarter is 480, as the statistic says
        IndicatorObservation correction = month("25747", "2026-03", "90", 2);
        publishAndRollUp(correction);
        Reconciliation consistent = single();
        assertFigures(consistent, "0.480000000000", "0.480000000000", "0.000000000000", "0.000000000000",
                ReconciliationStatus.CONSISTENT);
        assertThat(consistent.getRevision()).isEqualTo(4);
        assertThat(hub.gauge("dmhub.reconciliation.divergent", "department", "STC")).isEqualTo(0.0);

        // the same correction again changes nothing: nothing is published
        publishAndRollUp(correction);
        assertThat(hub.reconciliationRecords()).isEmpty();
    }

    @Test
    void aRetractedMonthLeavesItsQuarterAndTheComparisonFollows() {
        publishAndRollUp(everyMonthAnd(quarter("0.51", 1)));
        assertThat(last().getStatus()).isEqualTo(ReconciliationStatus.CONSISTENT);
        hub.viewRecords();

        publishAndRollUp(month("25750", "2026-03", null, 2));
        Map<String, AreaValue> view = HubTopologyDriver.latest(hub.viewRecords());
        // the quarter without Hiệp Thành's March: 510 − 70 = 440, from 5 of 6 unit-months; the half-year and year too
        assertThat(view.get("NS-01|74|2026-Q1").getValue()).isEqualTo(new BigDecimal("440.000000000000"));
        assertThat(view.get("NS-01|74|2026-Q1").getContributing()).isEqualTo(5);
        assertThat(view.get("NS-01|74|2026-S1").getValue()).isEqualTo(new BigDecimal("440.000000000000"));
        assertThat(view.get("NS-01|74|2026").getValue()).isEqualTo(new BigDecimal("440.000000000000"));
        assertThat(view.get("NS-01|25750|2026-Q1").getValue()).isEqualTo(new BigDecimal("110.000000000000"));
        assertFigures(single(), "0.440000000000", "0.510000000000", "-0.070000000000", "-0.137254901961",
                ReconciliationStatus.INCOMPLETE);
    }

    @Test
    void aStatisticalZeroIsMetOnlyByAnOperatingZero() {
        publishAndRollUp(month("25747", "2026-01", "0", 1), month("25747", "2026-02", "0", 1), month("25747", "2026-03", "0", 1),
                month("25750", "2026-01", "0", 1), month("25750", "2026-02", "0", 1), month("25750", "2026-03", "0", 1),
                quarter("0", 1));
        assertFigures(last(), "0.000000000000", "0.000000000000", "0.000000000000", null, ReconciliationStatus.CONSISTENT);

        publishAndRollUp(month("25750", "2026-02", "0.5", 2));
        // 0.0005 against 0: no relative difference can be worked out, and no tolerance is met
        assertFigures(single(), "0.000500000000", "0.000000000000", "0.000500000000", null, ReconciliationStatus.DIVERGENT);
    }

    @Test
    void aStatisticWithoutAnyOperatingDataIsNoOperational() {
        publishAndRollUp(quarter("0.48", 1));
        Reconciliation record = single();
        assertFigures(record, null, "0.480000000000", null, null, ReconciliationStatus.NO_OPERATIONAL);
        assertThat(record.getOperatingCompleteness()).isEqualByComparingTo("0");
    }

    @Test
    void aToleranceChangedInTheFrameworkReachesTheComparisonsWithoutANewValue() {
        publishAndRollUp(everyMonthAnd(quarter("0.48", 1)));
        assertThat(last().getStatus()).isEqualTo(ReconciliationStatus.DIVERGENT);

        hub.publishCatalog(List.of(), List.of(), List.of(budget("0.1")));
        hub.advanceWallClock(HubTopologyDefaults.RECONCILIATION.recheckInterval().plus(Duration.ofSeconds(1)));
        Reconciliation rechecked = single();
        // 6.25 % is within 10 %
        assertThat(rechecked.getStatus()).isEqualTo(ReconciliationStatus.CONSISTENT);
        assertThat(rechecked.getTolerance()).isEqualTo(new BigDecimal("0.100000000000"));

        hub.advanceWallClock(HubTopologyDefaults.RECONCILIATION.recheckInterval().plus(Duration.ofSeconds(1)));
        assertThat(hub.reconciliationRecords()).as("checked again, nothing changed").isEmpty();
    }

    @Test
    void aLinkRemovedFromTheFrameworkIsNoLongerCountedAndItsLastRecordStays() {
        publishAndRollUp(everyMonthAnd(quarter("0.48", 1)));
        assertThat(last().getStatus()).isEqualTo(ReconciliationStatus.DIVERGENT);
        assertThat(hub.gauge("dmhub.reconciliation.divergent", "department", "STC")).isEqualTo(1.0);

        hub.publishCatalog(List.of(), List.of(), List.of(FromScratchView.indicator("NS-01", Aggregation.SUM, "STC").setName("Thu ngân sách")
                .setUnit("tỷ đồng").build()));
        hub.advanceWallClock(HubTopologyDefaults.RECONCILIATION.recheckInterval().plus(Duration.ofSeconds(1)));

        assertThat(hub.gauge("dmhub.reconciliation.divergent", "department", "STC")).isEqualTo(0.0);
        assertThat(hub.reconciliationRecords()).as("the topic keeps the last record; nothing new").isEmpty();
        hub.advanceWallClock(HubTopologyDefaults.RECONCILIATION.recheckInterval().plus(Duration.ofSeconds(1)));
        assertThat(hub.gauge("dmhub.reconciliation.divergent", "department", "STC")).as("counted out once").isEqualTo(0.0);
    }

    /**
     * The last of the reconciliations published since the last read: a statistic and months sent together may be
     * compared once with each side as it arrives.
     */
    private Reconciliation last() {
        List<TestRecord<String, Reconciliation>> records = hub.reconciliationRecords();
        assertThat(records).extracting(TestRecord::key).containsOnly(KEY);
        return records.get(records.size() - 1).value();
    }

    /** The one reconciliation published since the last read. */
    private Reconciliation single() {
        List<TestRecord<String, Reconciliation>> records = hub.reconciliationRecords();
        assertThat(records).extracting(TestRecord::key).containsExactly(KEY);
        return records.get(0).value();
    }
}
