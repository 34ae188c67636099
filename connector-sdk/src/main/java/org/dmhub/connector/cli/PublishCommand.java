package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.AuthorizationException;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.connector.receipt.NoReceiptsTopicException;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.schemas.IndicatorObservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Reads, checks and publishes an observation file (by default all or nothing), then waits for the hub's receipts. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Checks every row of an observation file against the framework and publishes the file to your"
                + " department's topic. A file with any invalid row publishes nothing, unless --skip-invalid. A file of"
                + " more than 5,000 rows shows its progress on standard error. Then waits for the hub's receipt of every"
                + " row and prints the import summary: accepted, duplicates, stale and rejected rows, with why.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  dmhub-connector --config connector.yaml publish --file thang10.csv",
            "  dmhub-connector --config connector.yaml publish --file thang10.jsonl \\",
            "      --skip-invalid --wait 5m",
            "  dmhub-connector --config connector.yaml publish --file baocao.xlsx \\",
            "      --sheet \"Thang 10\" --no-wait",
            "",
            "Exit codes: 0 every row imported (accepted, or a duplicate of a row imported before),",
            "            1 invalid file: nothing published, 2 usage error,",
            "            3 broker or registry unreachable, 4 internal error,",
            "            5 the hub did not apply some rows (stale or rejected; listed),",
            "            6 some receipts did not arrive within --wait (the rows are stored)."})
final class PublishCommand implements Callable<Integer> {

    @ParentCommand
    private ConnectorCli cli;

    @Mixin
    private FileOptions file;

    @Option(names = "--dry-run", description = "check the file only; publish nothing")
    private boolean dryRun;

    @Option(names = "--skip-invalid", description = "publish the valid rows even when others are invalid")
    private boolean skipInvalid;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long to wait for the hub's receipts before printing the import summary, e.g. 30s, 5m;"
                    + " 0 does not wait (default: ${DEFAULT-VALUE})")
    private Duration wait;

    @Option(names = "--no-wait", description = "exit once the broker has stored the rows, without the hub's receipts")
    private boolean noWait;

    /** Files with more rows than this show their progress while they are published. */
    static final int PROGRESS_ABOVE_ROWS = 5_000;

    @Override
    public Integer call() {
        ConnectionSettings settings = cli.settings(true);
        FileReadResult result = file.read(cli, settings);
        var out = file.out();
        var err = file.err();
        result.errors().forEach(err::println);
        String topic = settings.topics().observations(settings.department()).name();
        if (result.rowCount() == 0 && !result.hasErrors()) {
            err.println("error: the file holds no rows; nothing was published");
            return ExitCodes.INVALID_FILE;
        }
        if (result.hasErrors() && !skipInvalid) {
            err.println(result.errors().size() + " error(s) in " + (result.rowCount() - result.valid().size()) + " of "
                    + result.rowCount() + " rows; nothing was published (fix them, or publish the " + result.valid().size()
                    + " valid rows with --skip-invalid)");
            return ExitCodes.INVALID_FILE;
        }
        if (dryRun) {
            out.println(result.valid().size() + " of " + result.rowCount() + " rows are valid; dry run: nothing was published to " + topic);
            return result.hasErrors() ? ExitCodes.INVALID_FILE : ExitCodes.OK;
        }
        String published = result.valid().size() + " rows published to " + topic
                + (result.hasErrors() ? "; " + (result.rowCount() - result.valid().size()) + " invalid rows skipped" : "");
        if (result.valid().isEmpty() || noWait || wait.isZero()) {
            if (!result.valid().isEmpty()) {
                publish(settings, result.valid(), err);
            }
            out.println(published);
            return ExitCodes.OK;
        }
        return publishAndAwaitReceipts(settings, result.valid(), published, out, err);
    }

    /** Follows the receipts topic from before the first send, so that no receipt of this file can be missed. */
    private int publishAndAwaitReceipts(ConnectionSettings settings, List<NumberedObservation> rows, String published,
            PrintWriter out, PrintWriter err) {
        ReceiptWatch watch;
        try {
            watch = cli.hub().watchReceipts(settings);
        } catch (NoReceiptsTopicException none) {
            return publishUnconfirmed(settings, rows, published, none.getMessage() + ", so the import of these rows cannot be"
                    + " confirmed; ask the focal point, or publish with --no-wait to skip the confirmation", out, err);
        } catch (UserError | AuthorizationException cannotFollow) {
            if (cannotFollow instanceof UserError userError && userError.exitCode() != ExitCodes.UNREACHABLE) {
                throw userError;
            }
            // the rows still go to the spool, which sends them once the broker is back
            return publishUnconfirmed(settings, rows, published, "cannot follow the hub's receipts: " + cannotFollow.getMessage()
                    + "; the import of these rows is not confirmed", out, err);
        }
        try (watch) {
            List<StoredObservation> stored = publishForSummary(settings, rows, err);
            out.println(published);
            out.flush();
            ReceiptProgress progress = new ReceiptProgress(err, rows.size(), rows.size() > PROGRESS_ABOVE_ROWS);
            Receipts receipts = watch.await(stored, wait, progress);
            progress.finish();
            return new ImportSummary(rows, receipts).print(watch.topic(), wait, out, err);
        }
    }

    private int publishUnconfirmed(ConnectionSettings settings, List<NumberedObservation> rows, String published, String why,
            PrintWriter out, PrintWriter err) {
        publishForSummary(settings, rows, err);
        out.println(published);
        err.println("error: " + why);
        return ExitCodes.RECEIPTS_MISSING;
    }

    /** Publishes; rows the broker did not store are said to have no summary (they wait in the spool). */
    private List<StoredObservation> publishForSummary(ConnectionSettings settings, List<NumberedObservation> rows, PrintWriter err) {
        try {
            return publish(settings, rows, err);
        } catch (UserError notStored) {
            if (notStored.exitCode() != ExitCodes.UNREACHABLE) {
                throw notStored;
            }
            throw new UserError(notStored.exitCode(), notStored.getMessage()
                    + ". No import summary: the hub answers a row only once the broker has stored it");
        }
    }

    private List<StoredObservation> publish(ConnectionSettings settings, List<NumberedObservation> rows, PrintWriter err) {
        List<IndicatorObservation> observations = rows.stream().map(NumberedObservation::observation).toList();
        if (observations.size() <= PROGRESS_ABOVE_ROWS) {
            return cli.hub().publish(settings, observations, stored -> { });
        }
        ProgressLine progress = ProgressLine.forConsole(err, observations.size());
        List<StoredObservation> stored;
        try {
            stored = cli.hub().publish(settings, observations, progress);
        } catch (RuntimeException failed) {
            progress.abandon();
            throw failed;
        }
        progress.finish(observations.size());
        return stored;
    }
}
