package org.dmhub.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.file.ObservationFileReader;
import org.dmhub.connector.jdbc.ChangedRows;
import org.dmhub.connector.jdbc.JdbcDrivers;
import org.dmhub.connector.jdbc.JdbcPoller;
import org.dmhub.connector.jdbc.WatermarkStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Publishes the rows of a department database that changed since the last poll, once or on an interval. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"Reads a department database with a query whose columns are named after the observation's fields,"
                + " and publishes the rows changed since the last poll (found by a watermark column such as updated_at,"
                + " remembered in the spool folder). Invalid rows are reported and skipped; they are read again once"
                + " corrected. Runs on an interval until stopped (Ctrl-C), or once with --once.",
            "Driver jars (PostgreSQL, Oracle, SQL Server, MySQL...) are picked up from the --drivers folder; H2 is built in."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  DB_PASSWORD=... dmhub-connector --config connector.yaml poll \\",
            "      --jdbc-url jdbc:postgresql://db.stc.local/ketoan --jdbc-user dmhub \\",
            "      --jdbc-password-env DB_PASSWORD --drivers ./drivers \\",
            "      --query \"SELECT ma_chi_tieu AS indicator, ma_dia_ban AS area, ky AS period,",
            "               gia_tri AS value, updated_at FROM bao_cao_chi_tieu\" \\",
            "      --watermark-column updated_at --interval 5m",
            "  dmhub-connector --config connector.yaml poll --once --jdbc-url jdbc:h2:./ketoan \\",
            "      --query-file chi-tieu.sql --watermark-column updated_at"})
final class PollCommand implements Callable<Integer> {

    @ParentCommand
    private ConnectorCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "the database, e.g. jdbc:postgresql://host/db")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "the database user (read-only access is enough)")
    private String jdbcUser;

    @Option(names = "--jdbc-password-env", paramLabel = "VARIABLE",
            description = "the environment variable holding the database password (never on the command line)")
    private String jdbcPasswordVariable;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private QuerySource querySource;

    @Option(names = "--watermark-column", required = true, paramLabel = "COLUMN",
            description = "a column of the query that grows whenever a row changes: a timestamp (updated_at) or a whole number")
    private String watermarkColumn;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "time between polls: 30s, 5m, 1h (default: ${DEFAULT-VALUE})")
    private Duration interval;

    @Option(names = "--once", description = "poll once, wait until the broker has stored everything, and exit")
    private boolean once;

    @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "read again the rows of this long before the last watermark (timestamps only), for databases that"
                    + " stamp a row before its transaction commits; rows read again count once at the hub (default: ${DEFAULT-VALUE})")
    private Duration overlap;

    @Option(names = "--reset", description = "forget where the polls left off and read every row again (e.g. after the"
            + " framework changed so that rows refused before are now valid); rows sent before count once at the hub")
    private boolean reset;

    @Option(names = "--drivers", paramLabel = "FOLDER", defaultValue = "drivers",
            description = "a folder of JDBC driver jars (default: ./${DEFAULT-VALUE})")
    private Path driversFolder;

    @Override
    public Integer call() throws Exception {
        if (interval.isZero()) {
            throw new UserError(ExitCodes.USAGE, "--interval must be longer than zero");
        }
        ConnectionSettings settings = cli.settings(true);
        ChangedRows changedRows;
        try {
            changedRows = new ChangedRows(querySource.query(), watermarkColumn);
        } catch (IllegalArgumentException wrong) {
            throw new UserError(ExitCodes.USAGE, wrong.getMessage());
        }
        String password = jdbcPasswordVariable == null ? null : System.getenv(jdbcPasswordVariable);
        if (jdbcPasswordVariable != null && password == null) {
            throw new UserError(ExitCodes.USAGE, "the environment variable " + jdbcPasswordVariable + " is not set");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        if (!once) {
            // Ctrl-C or a service stop: end the current poll, then close the connector and the watermark file cleanly
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(45, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dmhub-poll-stop"));
        }
        Files.createDirectories(settings.spool());
        try (WatermarkStore watermarks = WatermarkStore.open(settings.spool().resolve("poll-watermarks.mv"));
                DmConnector connector = cli.hub().openConnector(settings)) {
            JdbcPoller poller = new JdbcPoller(JdbcDrivers.from(driversFolder), jdbcUrl, jdbcUser, password, changedRows, watermarks,
                    overlap);
            if (reset) {
                poller.reset();
            }
            int exitCode;
            do {
                exitCode = pollOnce(settings, poller, connector, out, err);
            } while (!once && !stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS));
            if (once && !connector.flush(Duration.ofSeconds(60))) {
                err.println("error: " + connector.spooled() + " observations are not yet stored by the broker at "
                        + settings.bootstrapServers() + "; they wait in " + settings.spool() + " and are sent by the next"
                        + " poll, publish or send");
                return ExitCodes.UNREACHABLE;
            }
            return exitCode;
        } finally {
            closed.countDown();
        }
    }

    private int pollOnce(ConnectionSettings settings, JdbcPoller poller, DmConnector connector, PrintWriter out,
            PrintWriter err) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            ObservationFileReader reader = new ObservationFileReader(settings.department(), settings.source(),
                    cli.catalogFor(settings), false, Clock.systemUTC());
            JdbcPoller.Poll poll = poller.poll(reader, connector);
            poll.errors().forEach(error -> err.println(now + " poll " + error));
            out.println(now + " poll: " + poll.rowsRead() + " rows changed since " + (poll.from() == null ? "the beginning" : poll.from())
                    + ", " + poll.published() + " published, " + (poll.rowsRead() - poll.published()) + " invalid or already sent;"
                    + " next poll from " + (poll.to() == null ? "the beginning" : poll.to()) + "; " + connector.spooled()
                    + " waiting in the spool");
            out.flush();
            return poll.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_FILE;
        } catch (SQLException database) {
            err.println(now + " error: the database query failed: " + database.getMessage());
            if (once) {
                throw new UserError(ExitCodes.UNREACHABLE, "the database at " + jdbcUrl + " could not be read: " + database.getMessage());
            }
            return ExitCodes.UNREACHABLE;
        } catch (IllegalArgumentException wrong) {
            throw new UserError(ExitCodes.USAGE, wrong.getMessage());
        } catch (UserError unreachable) {
            if (once) {
                throw unreachable;
            }
            err.println(now + " error: " + unreachable.getMessage() + "; trying again at the next poll");
            return unreachable.exitCode();
        } catch (RuntimeException failed) {
            if (once) {
                throw failed;
            }
            // a poller runs unattended: the broker, the registry or the network may come back by the next poll
            err.println(now + " error: " + failed + "; trying again at the next poll");
            return ExitCodes.UNREACHABLE;
        } finally {
            err.flush();
        }
    }

    /** The query, given inline or in a file. */
    static final class QuerySource {

        @Option(names = "--query", paramLabel = "SQL", description = "the SELECT, columns named after the observation's fields")
        private String query;

        @Option(names = "--query-file", paramLabel = "FILE", description = "a file holding the SELECT")
        private Path queryFile;

        String query() {
            if (query != null) {
                return query;
            }
            try {
                return Files.readString(queryFile);
            } catch (IOException unreadable) {
                throw new UserError(ExitCodes.USAGE, "cannot read the query file " + queryFile + ": " + unreadable.getMessage());
            }
        }
    }
}
