package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ReceiptOutcome;

/**
 * What the hub did with a published file, from its receipts: how many rows were accepted, already known
 * (duplicates), stale or rejected, each row that changed nothing with why, and the rows whose receipt did not come.
 */
final class ImportSummary {

    /** Rows listed by number when their receipt is missing; more are counted only. */
    private static final int MISSING_ROWS_LISTED = 20;

    private final List<NumberedObservation> rows;
    private final Receipts receipts;

    /**
     * @param rows the published rows, in the order of {@code receipts.stored()}
     */
    ImportSummary(List<NumberedObservation> rows, Receipts receipts) {
        if (rows.size() != receipts.stored().size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + receipts.stored().size() + " stored observations");
        }
        this.rows = rows;
        this.receipts = receipts;
    }

    /**
     * Prints the counts on {@code out}, one line per stale or rejected row and the missing receipts on {@code err}.
     *
     * @return the exit code: {@link ExitCodes#OK} when every row was accepted or a duplicate,
     *     {@link ExitCodes#NOT_ALL_APPLIED} when a row was stale or rejected, else {@link ExitCodes#RECEIPTS_MISSING}
     *     when a receipt is missing
     */
    int print(String receiptsTopic, Duration waited, PrintWriter out, PrintWriter err) {
        for (int i = 0; i < rows.size(); i++) {
            ObservationReceipt receipt = receipts.of(receipts.stored().get(i));
            if (receipt != null && (receipt.getOutcome() == ReceiptOutcome.STALE || receipt.getOutcome() == ReceiptOutcome.REJECTED)) {
                err.println(line(rows.get(i).row(), receipt));
            }
        }
        List<Integer> missing = missingRows();
        out.println("Import summary of the hub (" + receiptsTopic + "), " + rows.size() + " rows:");
        out.println(count("accepted", receipts.count(ReceiptOutcome.ACCEPTED), "imported"));
        out.println(count("duplicates", receipts.count(ReceiptOutcome.DUPLICATE), "already imported before: nothing changed"));
        out.println(count("stale", receipts.count(ReceiptOutcome.STALE), "the hub keeps a higher revision: nothing changed"));
        out.println(count("rejected", receipts.count(ReceiptOutcome.REJECTED), "not imported: see the rows above"));
        if (!missing.isEmpty()) {
            out.println(count("no receipt", missing.size(), "not confirmed yet"));
        }
        if (receipts.unreadable() > 0) {
            err.println("warning: " + receipts.unreadable() + " records on " + receiptsTopic + " are not receipts; they were skipped");
        }
        if (!missing.isEmpty()) {
            err.println("error: " + missing.size() + " of " + rows.size() + " rows got no receipt from the hub within "
                    + seconds(waited) + " (" + rowList(missing) + "). They are stored on " + receipts.stored().get(0).topic()
                    + " and the hub imports them when it reaches them; it may be stopped or busy. Publishing the same file"
                    + " again later shows their summary (rows already imported count as duplicates), or wait longer with --wait");
        }
        if (receipts.count(ReceiptOutcome.STALE) + receipts.count(ReceiptOutcome.REJECTED) > 0) {
            return ExitCodes.NOT_ALL_APPLIED;
        }
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.RECEIPTS_MISSING;
    }

    private List<Integer> missingRows() {
        List<StoredObservation> stored = receipts.stored();
        return java.util.stream.IntStream.range(0, stored.size()).filter(i -> receipts.of(stored.get(i)) == null)
                .mapToObj(i -> rows.get(i).row()).toList();
    }

    /** {@code row 4, stale: NS-01|25747|2026-10 revision 3 changed nothing: the hub keeps revision 10}, or the reasons of a rejection. */
    static String line(int row, ObservationReceipt receipt) {
        String key = receipt.getKey() == null ? "" : " " + receipt.getKey();
        if (receipt.getOutcome() == ReceiptOutcome.STALE) {
            String line = "row " + row + ", stale:" + key + " revision " + receipt.getRevision() + " changed nothing: the hub keeps"
                    + (receipt.getWinningRevision() == null ? " a higher revision" : " revision " + receipt.getWinningRevision())
                    + "; send a higher revision to replace it";
            // the hub's own sentence says the same as this line once the revision that stays is known
            return receipt.getDetails().isEmpty() || receipt.getWinningRevision() != null ? line
                    : line + " (" + String.join("; ", receipt.getDetails()) + ")";
        }
        String why;
        if (!receipt.getDetails().isEmpty() && receipt.getDetails().size() == receipt.getReasons().size()) {
            // one sentence per reason, written as the connector's own checks write theirs
            why = java.util.stream.IntStream.range(0, receipt.getDetails().size())
                    .mapToObj(i -> withReason(receipt.getDetails().get(i), receipt.getReasons().get(i).toString()))
                    .collect(Collectors.joining("; "));
        } else {
            why = String.join("; ", receipt.getDetails())
                    + (receipt.getReasons().isEmpty() ? "" : " " + receipt.getReasons().stream().map(Object::toString)
                            .collect(Collectors.joining(", ", "[", "]")));
        }
        return "row " + row + ", rejected by the hub:" + key + ": " + (why.isBlank() ? "no reason given" : why.strip());
    }

    private static String count(String label, long count, String meaning) {
        return String.format(Locale.ROOT, "  %-11s %,8d  %s", label, count, count == 0 ? "" : meaning).stripTrailing();
    }

    private static String rowList(List<Integer> missing) {
        String listed = missing.stream().limit(MISSING_ROWS_LISTED).map(String::valueOf).collect(Collectors.joining(", "));
        return (missing.size() == 1 ? "row " : "rows ") + listed
                + (missing.size() > MISSING_ROWS_LISTED ? " and " + (missing.size() - MISSING_ROWS_LISTED) + " more" : "");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The hub writes its sentences as "field: message [REASON]"; the reason is added only where it is not there yet. */
    private static String withReason(String detail, String reason) {
        String tag = "[" + reason + "]";
        return detail.endsWith(tag) ? detail : detail + " " + tag;
    }
}
