package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.ReportingState;
import org.dmhub.schemas.ReportingStatus;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reporting status through the real topology: units reporting before or after the deadline (2026-10-25, end of day in
 * Vietnam) make ON_TIME or LATE, and a period whose deadline passed with nothing received becomes MISSING by the clock
 * alone. The hub's clock starts on 2026-11-01.
 */
class ReportingStatusTest {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();
    private static final Instant BEFORE_DEADLINE = Instant.parse("2026-10-20T03:00:00Z");
    private static final Instant JUST_AFTER_DEADLINE = Instant.parse("2026-10-25T17:00:00Z");

    private HubTopologyDriver hub;

    @BeforeEach
    void startHub() throws Exception {
        hub = new HubTopologyDriver(registry.baseUrl());
        hub.publishCatalog(List.of(new Department("STC", "Sở Tài chính")),
                List.of(new AdminArea("74", "Bình Dương", "PROVINCE", null), new AdminArea("718", "Thủ Dầu Một", "DISTRICT", "74"),
                        new AdminArea("25747", "Phú Cường", "COMMUNE", "718"), new AdminArea("25750", "Hiệp Thành", "COMMUNE", "718"),
                        new AdminArea("25753", "Chánh Nghĩa", "COMMUNE", "718")),
                List.of(FromScratchView.indicator("NS-01", Aggregation.SUM, "STC").build()));
    }

    @AfterEach
    void stopHub() throws Exception {
        hub.close();
    }

    @Test
    void everyUnitByTheDeadlineIsOnTime() {
        for (String commune : List.of("25747", "25750", "25753")) {
            hub.publish(HubTopologyDriver.observation("STC", "NS-01", commune, "2026-10", "1", "u", 1), BEFORE_DEADLINE);
        }
        hub.letRollupsRun();

        ReportingStatus status = latest().get("STC|NS-01|2026-10");
        assertThat(status.getState()).isEqualTo(ReportingState.ON_TIME);
        assertThat(status.getExpected()).isEqualTo(3);
        assertThat(status.getReceived()).isEqualTo(3);
        assertThat(status.getReceivedOnTime()).isEqualTo(3);
        assertThat(status.getDeadline()).isEqualTo(Instant.parse("2026-10-25T16:59:59.999Z"));
        assertThat(status.getLastReceivedAt()).isEqualTo(BEFORE_DEADLINE);
    }

    @Test
    void aUnitAfterTheDeadlineMakesTheDepartmentLateAndARetractionCountsAsNotReceived() {
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25747", "2026-10", "1", "u", 1), BEFORE_DEADLINE);
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25750", "2026-10", "1", "u", 1), BEFORE_DEADLINE);
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25753", "2026-10", "1", "u", 1), JUST_AFTER_DEADLINE);
        hub.letRollupsRun();
        ReportingStatus late = latest().get("STC|NS-01|2026-10");
        assertThat(late.getState()).isEqualTo(ReportingState.LATE);
        assertThat(late.getReceivedOnTime()).isEqualTo(2);

        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25753", "2026-10", null, "u", 2), JUST_AFTER_DEADLINE);
        hub.letRollupsRun();
        ReportingStatus incomplete = latest().get("STC|NS-01|2026-10");
        assertThat(incomplete.getReceived()).isEqualTo(2);
        assertThat(incomplete.getState()).as("incomplete after the deadline").isEqualTo(ReportingState.LATE);
    }

    @Test
    void aStaleRetractionOrADuplicateChangesNothingAsInTheConsolidation() {
        for (String commune : List.of("25747", "25750", "25753")) {
            hub.publish(HubTopologyDriver.observation("STC", "NS-01", commune, "2026-10", "1", "u", 5), BEFORE_DEADLINE);
        }
        hub.letRollupsRun();
        assertThat(latest().get("STC|NS-01|2026-10").getState()).isEqualTo(ReportingState.ON_TIME);

        // an old file sent again: its retraction has a lower revision than the value the view holds
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25753", "2026-10", null, "u", 2), JUST_AFTER_DEADLINE);
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25750", "2026-10", "1", "u", 5), JUST_AFTER_DEADLINE);
        hub.letRollupsRun();
        assertThat(hub.reportingStatusRecords()).as("nothing changed").isEmpty();

        // a real retraction, then the unit reports again after the deadline
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25753", "2026-10", null, "u", 6), JUST_AFTER_DEADLINE);
        hub.letRollupsRun();
        assertThat(latest().get("STC|NS-01|2026-10").getReceived()).isEqualTo(2);
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25753", "2026-10", "2", "u", 7), JUST_AFTER_DEADLINE);
        hub.letRollupsRun();
        ReportingStatus again = latest().get("STC|NS-01|2026-10");
        assertThat(again.getReceived()).isEqualTo(3);
        assertThat(again.getState()).as("its report now came after the deadline").isEqualTo(ReportingState.LATE);
    }

    @Test
    void periodsWhoseDeadlinePassedWithNothingReceivedBecomeMissingByTheClockOnceEach() {
        hub.publish(HubTopologyDriver.observation("STC", "NS-01", "25747", "2026-10", "1", "u", 1), BEFORE_DEADLINE);
        hub.letRollupsRun();
        assertThat(latest()).as("nothing judged before the calendar check").doesNotContainKey("STC|NS-01|2026-09");

        hub.advanceWallClock(Duration.ofMinutes(1));
        Map<String, ReportingStatus> checked = latest();
        assertThat(checked.get("STC|NS-01|2026-09").getState()).isEqualTo(ReportingState.MISSING);
        assertThat(checked.get("STC|NS-01|2026-09").getReceived()).isZero();
        assertThat(checked.get("STC|NS-01|2026-08").getState()).isEqualTo(ReportingState.MISSING);
        assertThat(checked).as("three periods back: 2026-10, 09, 08").doesNotContainKey("STC|NS-01|2026-07");

        hub.advanceWallClock(Duration.ofMinutes(1));
        assertThat(hub.reportingStatusRecords()).as("an unchanged status is not published again").isEmpty();
    }

    private Map<String, ReportingStatus> latest() {
        return HubTopologyDriver.latest(hub.reportingStatusRecords());
    }
}
