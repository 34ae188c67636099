package org.dmhub.connector.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path folder;

    @Test
    void keepsTheOrderAndEveryFieldAcrossAReopen() {
        List<IndicatorObservation> added = List.of(observation("e1", "123.456000000000"), observation("e2", "0.000000000001"),
                observation("e3", "98765432109876543210.000000000000"));
        try (Spool spool = Spool.open(folder)) {
            assertThat(spool.append(added)).containsExactly(1L, 2L, 3L);
            spool.remove(2);
            spool.commit();
        }
        try (Spool reopened = Spool.open(folder)) {
            assertThat(reopened.pendingCount()).isEqualTo(2);
            assertThat(drain(reopened)).containsExactly(added.get(0), added.get(2));
            assertThat(reopened.append(List.of(observation("e4", "1.000000000000")))).as("sequences continue").containsExactly(4L);
        }
    }

    @Test
    void aRefusedObservationMovesAsideAndIsNotSentAgain() {
        try (Spool spool = Spool.open(folder)) {
            spool.append(List.of(observation("e1", "1.000000000000"), observation("e2", "2.000000000000")));
            spool.refuse(1);
            assertThat(drain(spool)).extracting(IndicatorObservation::getEventId).containsExactly("e2");
            assertThat(spool.refusedObservations()).extracting(IndicatorObservation::getEventId).containsExactly("e1");
        }
    }

    @Test
    void aSecondConnectorOnTheSameFolderIsRefusedWithTheReason() {
        try (Spool first = Spool.open(folder)) {
            assertThatThrownBy(() -> Spool.open(folder)).isInstanceOf(SpoolUnavailableException.class)
                    .hasMessageContaining(folder.resolve(Spool.FILE_NAME).toString()).hasMessageContaining("another connector");
        }
    }

    @Test
    void anObservationThatCannotBeWrittenIsRefusedAtOnce() {
        try (Spool spool = Spool.open(folder)) {
            assertThatThrownBy(() -> spool.append(List.of(observation("e1", "1.0000000000001")))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("e1");
            assertThat(spool.pendingCount()).isZero();
        }
    }

    @Test
    void eachSequenceIsToldBeforeAReaderCanSeeItsObservation() {
        try (Spool spool = Spool.open(folder)) {
            List<Long> told = new ArrayList<>();
            List<Long> visibleWhenTold = new ArrayList<>();
            spool.append(List.of(observation("e1", "1.000000000000"), observation("e2", "2.000000000000"), observation("e3", "3.000000000000")),
                    sequence -> {
                        told.add(sequence);
                        spool.nextAfter(0, 10).forEach(entry -> visibleWhenTold.add(entry.getKey()));
                    });
            assertThat(told).containsExactly(1L, 2L, 3L);
            assertThat(visibleWhenTold).as("what a sender could see when each sequence was told").containsExactly(1L, 1L, 2L);
            assertThat(spool.nextAfter(0, 10)).extracting(Map.Entry::getKey).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void readsPendingEntriesInBatchesAfterASequence() {
        try (Spool spool = Spool.open(folder)) {
            List<IndicatorObservation> added = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                added.add(observation("e" + i, i + ".000000000000"));
            }
            spool.append(added);
            spool.remove(3);
            assertThat(spool.nextAfter(0, 3)).extracting(Map.Entry::getKey).containsExactly(1L, 2L, 4L);
            assertThat(spool.nextAfter(4, 10)).extracting(entry -> entry.getValue().getEventId()).containsExactly("e5", "e6", "e7");
            assertThat(spool.nextAfter(7, 10)).isEmpty();
            assertThat(spool.nextAfter(Long.MAX_VALUE, 10)).isEmpty();
        }
    }

    private static List<IndicatorObservation> drain(Spool spool) {
        List<IndicatorObservation> observations = new ArrayList<>();
        long after = 0;
        Map.Entry<Long, IndicatorObservation> next;
        while ((next = spool.nextAfter(after)) != null) {
            observations.add(next.getValue());
            after = next.getKey();
        }
        return observations;
    }

    private static IndicatorObservation observation(String eventId, String value) {
        Instant at = Instant.parse("2026-11-27T08:00:00Z");
        return IndicatorObservation.newBuilder().setEventId(eventId).setIndicator("NS-01").setDepartment("STC").setArea("25747")
                .setPeriod("2026-10").setValue(new BigDecimal(value)).setUnit("tỷ đồng").setRevision(1)
                .setStatus(ObservationStatus.REPORTED).setObservedAt(at).setPublishedAt(at).setSource("test")
                .setComment("Xã Định Hòa").build();
    }
}
