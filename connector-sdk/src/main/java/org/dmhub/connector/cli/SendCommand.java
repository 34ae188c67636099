package org.dmhub.connector.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.dmhub.connector.DmConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Sends what an earlier run left in the spool (e.g. while the broker was down) and waits until it is stored. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sends the observations waiting in the spool folder (left there while the broker could not be"
                + " reached) and waits until the broker has stored them all.",
        footerHeading = "%nExample:%n",
        footer = "  dmhub-connector --config connector.yaml send --timeout 10m")
final class SendCommand implements Callable<Integer> {

    @ParentCommand
    private ConnectorCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        if (timeout.isZero()) {
            throw new UserError(ExitCodes.USAGE, "--timeout must be longer than zero");
        }
        ConnectionSettings settings = cli.settings(true);
        try (DmConnector connector = cli.hub().openConnector(settings)) {
            long waiting = connector.spooled();
            if (connector.flush(timeout)) {
                spec.commandLine().getOut().println(waiting + " observations from " + settings.spool() + " are stored on "
                        + connector.topic() + "; the spool is empty");
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("error: " + connector.spooled() + " of " + waiting + " observations are not yet"
                    + " stored by the broker at " + settings.bootstrapServers() + " after " + timeout.toSeconds()
                    + " s; they stay in " + settings.spool());
            return ExitCodes.UNREACHABLE;
        }
    }
}
