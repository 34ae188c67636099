package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line against a clock the test moves by hand. */
class ProgressLineTest {

    private final StringWriter written = new StringWriter();
    private long nanos = 7_000_000_000L;

    @Test
    void inALogALineIsWrittenAtOnceThenAtMostEveryFiveSeconds() {
        ProgressLine progress = new ProgressLine(new PrintWriter(written), 100_000, false, () -> nanos);

        progress.accept(0);
        advance(Duration.ofSeconds(2));
        progress.accept(10_000);
        advance(Duration.ofMillis(2_999));
        progress.accept(20_000);
        advance(Duration.ofMillis(1));
        progress.accept(35_000);
        advance(Duration.ofSeconds(4));
        progress.accept(60_000);
        advance(Duration.ofMillis(3_500));
        progress.finish(100_000);

        assertThat(written.toString()).isEqualTo("""
                [....................] 0% 0/100,000 rows
                [#######.............] 35% 35,000/100,000 rows, 7,000 rows/s
                100,000 rows stored in 12.5 s, 8,000 rows/s on average
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void onATerminalOneLineIsRedrawnAtMostEveryQuarterSecond() {
        ProgressLine progress = new ProgressLine(new PrintWriter(written), 10_000, true, () -> nanos);

        advance(Duration.ofMillis(100));
        progress.accept(1_000);
        advance(Duration.ofMillis(249));
        progress.accept(2_000);
        advance(Duration.ofMillis(1));
        progress.accept(2_500);
        advance(Duration.ofMillis(250));
        progress.finish(10_000);

        // each redraw is padded with spaces to the length of the one before, wiping what it does not cover
        assertThat(written.toString()).isEqualTo("\r[##..................] 10% 1,000/10,000 rows, 10,000 rows/s"
                + "\r[#####...............] 25% 2,500/10,000 rows, 7,143 rows/s "
                + "\r10,000 rows stored in 0.6 s, 16,667 rows/s on average" + " ".repeat(5)
                + System.lineSeparator());
    }

    @Test
    void aShorterLineWipesTheEndOfTheLongerOneBeforeIt() {
        ProgressLine progress = new ProgressLine(new PrintWriter(written), 10_000, true, () -> nanos);

        advance(Duration.ofMillis(1));
        progress.accept(9_000);
        advance(Duration.ofSeconds(100));
        progress.accept(9_500);

        String[] draws = written.toString().split("\r");
        assertThat(draws).containsExactly("", "[##################..] 90% 9,000/10,000 rows, 9,000,000 rows/s",
                "[###################.] 95% 9,500/10,000 rows, 95 rows/s" + " ".repeat(7));
    }

    @Test
    void anAbandonedTerminalLineIsEndedSoThatAnErrorStartsOnItsOwnLine() {
        ProgressLine onTerminal = new ProgressLine(new PrintWriter(written), 10_000, true, () -> nanos);
        onTerminal.abandon();
        assertThat(written.toString()).as("nothing drawn, nothing to end").isEmpty();

        onTerminal.accept(0);
        onTerminal.abandon();

        assertThat(written.toString()).isEqualTo("\r[....................] 0% 0/10,000 rows" + System.lineSeparator());
    }

    private void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
