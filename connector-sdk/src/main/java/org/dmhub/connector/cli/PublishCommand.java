package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Reads, checks and publishes an observation file; by default all or nothing. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Checks every row of an observation file against the framework and publishes the file to your"
                + " department's topic. A file with any invalid row publishes nothing, unless --skip-invalid. A file of"
                + " more than 5,000 rows shows its progress on standard error.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  dmhub-connector --config connector.yaml publish --file thang10.csv",
            "  dmhub-connector --config connector.yaml publish --file thang10.jsonl \\",
            "      --skip-invalid",
            "  dmhub-connector --config connector.yaml publish --file baocao.xlsx \\",
            "      --sheet \"Thang 10\""})
final class PublishCommand implements Callable<Integer> {

    @ParentCommand
    private ConnectorCli cli;

    @Mixin
    private FileOptions file;

    @Option(names = "--dry-run", description = "check the file only; publish nothing")
    private boolean dryRun;

    @Option(names = "--skip-invalid", description = "publish the valid rows even when others are invalid")
    private boolean skipInvalid;

    /** Files with more rows than this show their progress while they are published. */
    static final int PROGRESS_ABOVE_ROWS = 5_000;

    @Override
    public Integer call() {
        ConnectionSettings settings = cli.settings(true);
        FileReadResult result = file.read(cli, settings);
        var out = file.out();
        var err = file.err();
        result.errors().forEach(err::println);
        String topic = Topics.withDefaultPrefix().observations(settings.department()).name();
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
        if (!result.valid().isEmpty()) {
            publish(settings, result.valid().stream().map(NumberedObservation::observation).toList(), err);
        }
        out.println(result.valid().size() + " rows published to " + topic
                + (result.hasErrors() ? "; " + (result.rowCount() - result.valid().size()) + " invalid rows skipped" : ""));
        return ExitCodes.OK;
    }

    private void publish(ConnectionSettings settings, List<IndicatorObservation> observations, PrintWriter err) {
        if (observations.size() <= PROGRESS_ABOVE_ROWS) {
            cli.hub().publish(settings, observations, stored -> { });
            return;
        }
        ProgressLine progress = ProgressLine.forConsole(err, observations.size());
        try {
            cli.hub().publish(settings, observations, progress);
        } catch (RuntimeException failed) {
            progress.abandon();
            throw failed;
        }
        progress.finish(observations.size());
    }
}
