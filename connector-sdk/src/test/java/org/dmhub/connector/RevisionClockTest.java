package org.dmhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.dmhub.testsupport.SettableClock;
import org.junit.jupiter.api.Test;

class RevisionClockTest {

    private static final long NOW = Instant.parse("2026-11-27T08:00:00.123Z").toEpochMilli();

    private final SettableClock time = new SettableClock(Instant.ofEpochMilli(NOW));
    private final RevisionClock revisions = new RevisionClock(time);

    @Test
    void aRevisionIsThePublishTimeInEpochMilliseconds() {
        assertThat(revisions.next("NS-01|25747|2026-10")).isEqualTo(NOW);
        assertThat(revisions.millis()).isEqualTo(NOW);
    }

    @Test
    void twoChangesOfAKeyInOneMillisecondGetIncreasingRevisions() {
        long first = revisions.next("NS-01|25747|2026-10");
        long second = revisions.next("NS-01|25747|2026-10");
        long third = revisions.next("NS-01|25747|2026-10");

        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(revisions.next("NS-01|25750|2026-10")).as("another key keeps the time").isEqualTo(NOW);
    }

    @Test
    void revisionsOfAKeyNeverGoBackWhenTheClockCatchesUp() {
        long raised = 0;
        for (int change = 0; change < 5; change++) {
            raised = revisions.next("NS-01|25747|2026-10");
        }
        time.advance(Duration.ofMillis(2));
        assertThat(revisions.next("NS-01|25747|2026-10")).as("the clock has not passed the raised revision yet").isEqualTo(raised + 1);
        time.advance(Duration.ofMillis(100));
        assertThat(revisions.next("NS-01|25747|2026-10")).isEqualTo(NOW + 102);
    }

    @Test
    void aKeyRepeatedAfterTenThousandOthersOfOneFileStillGetsAHigherRevision() {
        long published = NOW - 5_000;
        assertThat(revisions.at("NS-01|00000|2026-10", published, new Object())).isEqualTo(published);
        for (int key = 1; key <= 20_000; key++) {
            revisions.at("NS-01|" + key + "|2026-10", published, new Object());
        }

        assertThat(revisions.at("NS-01|00000|2026-10", published, new Object())).as("the same key again, later in the file")
                .isEqualTo(published + 1);
    }

    @Test
    void whatWasGivenADayAgoIsForgotten() {
        long dayAgo = NOW - Duration.ofDays(1).toMillis() - 1;
        revisions.at("NS-01|00000|2026-10", dayAgo, new Object());
        for (int key = 1; key <= 10_000; key++) {
            revisions.at("NS-01|" + key + "|2026-10", NOW, new Object());
        }

        assertThat(revisions.at("NS-01|00000|2026-10", dayAgo, new Object())).as("no longer remembered: its own time")
                .isEqualTo(dayAgo);
    }

    @Test
    void aChangeReadAgainKeepsItsRevisionAndAnEarlierOneKeepsItsTime() {
        long stamped = NOW - 60_000;
        long first = revisions.at("NS-01|25747|2026-10", stamped, "2026-11-27T07:59:00.123100");
        long sameMillisecond = revisions.at("NS-01|25747|2026-10", stamped, "2026-11-27T07:59:00.123900");

        assertThat(first).isEqualTo(stamped);
        assertThat(sameMillisecond).isEqualTo(stamped + 1);
        assertThat(revisions.at("NS-01|25747|2026-10", stamped, "2026-11-27T07:59:00.123900")).isEqualTo(sameMillisecond);
        assertThat(revisions.at("NS-01|25747|2026-10", stamped - 5, "2026-11-27T07:59:00.118")).isEqualTo(stamped - 5);
    }
}
