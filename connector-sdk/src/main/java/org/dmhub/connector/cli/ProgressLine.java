package org.dmhub.connector.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * How far a long publish has come, e.g. {@code [#######.............] 35% 35,000/100,000 rows, 18,400 rows/s}.
 * On a terminal the line is redrawn in place at most every 250 ms; otherwise (a log file, a scheduled job) a new
 * line is written at most every 5 s so that the log stays readable. {@link #finish} writes the total, the time
 * taken and the average rate.
 */
final class ProgressLine implements LongConsumer {

    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final PrintWriter out;
    private final long total;
    /** What is counted ("rows") and what happened to it once counted ("stored"). */
    private final String unit;
    private final String done;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long interval;
    private final long start;
    private boolean shown;
    private long lastShown;
    private int drawnLength;

    /**
     * @param out where to write (the command's standard error)
     * @param total the number of rows to publish
     * @param terminal true to redraw one line with '\r', false to write whole lines
     * @param nanoTime the clock, as {@link System#nanoTime}
     */
    ProgressLine(PrintWriter out, long total, boolean terminal, LongSupplier nanoTime) {
        this(out, total, "rows", "stored", terminal, nanoTime);
    }

    /**
     * @param unit what is counted, e.g. "receipts"
     * @param done what happened to what was counted, for the summary: e.g. "received"
     */
    ProgressLine(PrintWriter out, long total, String unit, String done, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.total = total;
        this.unit = unit;
        this.done = done;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.interval = (terminal ? TERMINAL_INTERVAL : LOG_INTERVAL).toNanos();
        this.start = nanoTime.getAsLong();
    }

    /** A progress line that redraws itself when the connector runs in a terminal. */
    static ProgressLine forConsole(PrintWriter out, long total) {
        return new ProgressLine(out, total, isTerminal(), System::nanoTime);
    }

    /** A progress line counting something else than stored rows, e.g. ("receipts", "received"). */
    static ProgressLine forConsole(PrintWriter out, long total, String unit, String done) {
        return new ProgressLine(out, total, unit, done, isTerminal(), System::nanoTime);
    }

    /** Shows {@code stored} of the total rows: at once the first time, then when the interval has passed. */
    @Override
    public void accept(long stored) {
        long now = nanoTime.getAsLong();
        if (shown && now - lastShown < interval) {
            return;
        }
        shown = true;
        lastShown = now;
        show(line(stored, now), false);
    }

    /** Replaces the progress with the summary: rows stored, seconds taken, average rows per second. */
    void finish(long stored) {
        long elapsed = nanoTime.getAsLong() - start;
        String summary = String.format(Locale.ROOT, "%,d %s %s in %.1f s", stored, unit, done, (double) elapsed / NANOS_PER_SECOND);
        if (elapsed > 0) {
            summary += String.format(Locale.ROOT, ", %,d %s/s on average", rate(stored, elapsed), unit);
        }
        show(summary, true);
    }

    /** Ends a redrawn line, so that an error message that follows starts on a line of its own. */
    void abandon() {
        if (terminal && drawnLength > 0) {
            out.println();
            out.flush();
            drawnLength = 0;
        }
    }

    private String line(long stored, long now) {
        long done = Math.min(stored, total);
        int filled = total == 0 ? BAR_WIDTH : (int) (done * BAR_WIDTH / total);
        long percent = total == 0 ? 100 : done * 100 / total;
        StringBuilder line = new StringBuilder(80)
                .append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%d%% %,d/%,d %s", percent, stored, total, unit));
        long elapsed = now - start;
        if (elapsed > 0) {
            line.append(String.format(Locale.ROOT, ", %,d %s/s", rate(stored, elapsed), unit));
        }
        return line.toString();
    }

    private void show(String text, boolean last) {
        if (terminal) {
            // pad with spaces to wipe the end of a longer line drawn before
            out.print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
            drawnLength = text.length();
            if (last) {
                out.println();
                drawnLength = 0;
            }
        } else {
            out.println(text);
        }
        out.flush();
    }

    private static long rate(long stored, long elapsedNanos) {
        return Math.round(stored * (double) NANOS_PER_SECOND / elapsedNanos);
    }

    /** A terminal: the console exists, and on Java 22 and later also says it is a terminal rather than a redirection. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true;
        }
    }
}
