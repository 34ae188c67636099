package org.dmhub.hub.consolidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.dmhub.hub.HubTopologyDefaults;
import org.dmhub.hub.consolidation.Consolidation.Effect;
import org.dmhub.hub.validation.AcceptedObservation;
import org.junit.jupiter.api.Test;

class ConsolidationTest {

    private static AcceptedObservation observation(String eventId, long revision, String value) {
        return AcceptedObservation.newBuilder().setEventId(eventId).setIndicator("NS-01").setDepartment("STC").setArea("25747")
                .setPeriod("2026-10").setValue(value == null ? null : new BigDecimal(value).setScale(12)).setUnit("tỷ đồng")
                .setRevision(revision).setRetracted(value == null).setObservedAt(Instant.EPOCH).setPublishedAt(Instant.EPOCH)
                .setSource("test").setSourceTopic("dmhub.observations.STC").setSourcePartition(0).setSourceOffset(0).build();
    }

    private static ConsolidatedValue after(ConsolidatedValue current, AcceptedObservation observation, Effect expected) {
        return after(current, observation, 1_000, expected);
    }

    private static ConsolidatedValue after(ConsolidatedValue current, AcceptedObservation observation, long receivedAt,
            Effect expected) {
        Consolidation.Outcome outcome = Consolidation.apply(current, observation, receivedAt, HubTopologyDefaults.LIMITS.appliedEventsKept());
        assertThat(outcome.effect()).isEqualTo(expected);
        return outcome.value();
    }

    @Test
    void higherRevisionWinsWhateverTheArrivalOrder() {
        ConsolidatedValue latest = after(null, observation("e2", 2, "20"), Effect.APPLIED);
        latest = after(latest, observation("e1", 1, "10"), Effect.STALE);
        assertThat(latest.getValue()).isEqualByComparingTo("20");
        latest = after(latest, observation("e3", 3, "30"), Effect.APPLIED);
        assertThat(latest.getValue()).isEqualByComparingTo("30");
        assertThat(latest.getAppliedEventIds()).containsExactly("e2", "e3");
    }

    @Test
    void anEventAlreadyAppliedIsADuplicateWhateverItsRevision() {
        ConsolidatedValue latest = after(null, observation("e1", 1, "10"), Effect.APPLIED);
        latest = after(latest, observation("e2", 5, "50"), Effect.APPLIED);
        // an old file re-sent without a revision column gets a new (higher) revision but the same event id
        after(latest, observation("e1", 9, "10"), Effect.DUPLICATE);
    }

    @Test
    void sameRevisionAndContentUnderAnotherEventIdIsADuplicate() {
        ConsolidatedValue latest = after(null, observation("e1", 1, "10.0"), Effect.APPLIED);
        after(latest, observation("e2", 1, "10"), Effect.DUPLICATE);
    }

    @Test
    void sameRevisionWithOtherContentIsAConflictAndTheFirstStays() {
        ConsolidatedValue latest = after(null, observation("e1", 4, "10"), Effect.APPLIED);
        ConsolidatedValue kept = after(latest, observation("e2", 4, "11"), Effect.REVISION_CONFLICT);
        assertThat(kept).isEqualTo(latest);
    }

    @Test
    void retractionRemovesTheValueAndKeepsItsRevision() {
        ConsolidatedValue latest = after(null, observation("e1", 1, "10"), Effect.APPLIED);
        latest = after(latest, observation("e2", 2, null), Effect.APPLIED);
        assertThat(latest.getValue()).isNull();
        assertThat(latest.getRetracted()).isTrue();
        after(latest, observation("e3", 1, "99"), Effect.STALE);
    }

    @Test
    void theUnitReportedWhenItsFirstValueCameACorrectionKeepsThatTimeAndARetractionClearsIt() {
        ConsolidatedValue latest = after(null, observation("e1", 1, "10"), 1_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).isEqualTo(1_000L);
        latest = after(latest, observation("e2", 2, "12"), 2_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).as("a correction").isEqualTo(1_000L);
        latest = after(latest, observation("e1", 1, "10"), 3_000, Effect.DUPLICATE);
        assertThat(latest.getReportedAt()).isEqualTo(1_000L);
        latest = after(latest, observation("e3", 3, null), 4_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).as("retracted").isNull();
        latest = after(latest, observation("e4", 4, "15"), 5_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).as("reported again after the retraction").isEqualTo(5_000L);
    }

    @Test
    void aRetractionBeforeAnyValueIsNotAReport() {
        ConsolidatedValue latest = after(null, observation("e1", 1, null), 1_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).isNull();
        latest = after(latest, observation("e2", 2, "7"), 2_000, Effect.APPLIED);
        assertThat(latest.getReportedAt()).isEqualTo(2_000L);
    }
}
