package org.dmhub.hub.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmitCadenceTest {

    private final EmitCadence cadence = new EmitCadence(Duration.ofSeconds(1));

    @Test
    void aStageThatKeepsUpRollsUpAtEveryTick() {
        cadence.emitted(10_000);
        // the newest input was sent 30 ms before the tick, 20 ms after the last emit
        assertThat(cadence.due(10_020, 9_990)).isTrue();
        cadence.emitted(10_020);
        assertThat(cadence.due(10_040, 10_030)).isTrue();
    }

    @Test
    void aStageWorkingThroughABacklogRollsUpOncePerEmitInterval() {
        cadence.emitted(10_000);
        // its newest input was sent 5 s before: a backlog
        assertThat(cadence.due(10_020, 5_000)).isFalse();
        assertThat(cadence.due(10_999, 5_900)).isFalse();
        assertThat(cadence.due(11_000, 5_900)).isTrue();
    }

    @Test
    void keepingUpIsInputSentLessThanAnEmitIntervalAgo() {
        assertThat(cadence.keepingUp(10_000, 9_001)).isTrue();
        assertThat(cadence.keepingUp(10_000, 9_000)).isFalse();
        assertThat(cadence.keepingUp(10_000, 99_000)).isTrue();
        assertThat(cadence.keepingUp(10_000, -1)).isFalse();
    }

    @Test
    void theBoundaryOfKeepingUpIsOneEmitInterval() {
        cadence.emitted(10_000);
        assertThat(cadence.due(10_020, 9_021)).isTrue();
        assertThat(cadence.due(10_020, 9_020)).isFalse();
    }

    @Test
    void whenInputStopsTheNextEmitComesAnEmitIntervalAfterTheLast() {
        cadence.emitted(10_000);
        // no input for a long while: stream time stays where it was
        assertThat(cadence.due(10_500, 8_000)).isFalse();
        assertThat(cadence.due(11_000, 8_000)).isTrue();
    }

    @Test
    void theFirstTickRollsUpAndNoInputYetIsNoSignOfKeepingUp() {
        assertThat(cadence.due(10_000, -1)).isTrue();
        cadence.emitted(10_000);
        assertThat(cadence.due(10_020, -1)).isFalse();
    }

    @Test
    void inputStampedWithATimeToComeOnlyMakesItRollUpAtEveryTick() {
        cadence.emitted(10_000);
        assertThat(cadence.due(10_020, 99_000_000)).isTrue();
    }
}
