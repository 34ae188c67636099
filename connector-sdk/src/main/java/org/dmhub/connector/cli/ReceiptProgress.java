package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * How many of the hub's receipts arrived, as a {@link ProgressLine} on standard error: at once for a long file,
 * otherwise only once the wait has lasted a moment, so that a quick answer prints nothing but the summary.
 */
final class ReceiptProgress implements IntConsumer {

    static final Duration QUIET_FOR = Duration.ofSeconds(2);

    private final PrintWriter err;
    private final int total;
    private final long showFrom;
    private ProgressLine line;
    private int received;

    ReceiptProgress(PrintWriter err, int total, boolean atOnce) {
        this.err = err;
        this.total = total;
        this.showFrom = System.nanoTime() + (atOnce ? 0 : QUIET_FOR.toNanos());
    }

    @Override
    public void accept(int receipts) {
        received = receipts;
        if (line == null && System.nanoTime() - showFrom >= 0) {
            err.println(String.format(Locale.ROOT, "waiting for the hub's receipts of %,d rows...", total));
            line = ProgressLine.forConsole(err, total, "receipts", "received");
        }
        if (line != null) {
            line.accept(receipts);
        }
    }

    /** Ends the progress line, if one was shown, before the summary. */
    void finish() {
        if (line == null) {
            return;
        }
        if (received == total) {
            line.finish(received);
        } else {
            line.abandon();
        }
    }
}
