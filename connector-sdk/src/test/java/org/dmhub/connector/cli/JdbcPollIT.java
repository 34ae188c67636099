package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import picocli.CommandLine;

/**
 * {@code poll} against a real broker and registry, reading a department database: H2 always, and PostgreSQL when
 * {@code DMHUB_TEST_POSTGRES_URL} names one (e.g. {@code jdbc:postgresql://127.0.0.1:5432/dmhub?user=dmhub&password=dmhub};
 * {@code .ci/run} starts one when the machine has PostgreSQL). The PostgreSQL driver is not on the connector's class
 * path: it is loaded from a drivers folder, as a department would add it.
 */
@EmbeddedKafka(partitions = 1, topics = {"dmhub.catalog.indicators", "dmhub.catalog.areas", "dmhub.catalog.departments",
    "dmhub.observations.STC"})
class JdbcPollIT {

    private static final String TOPIC = TestTopics.TOPICS.observations("STC").name();
    private static final Path DRIVERS = Path.of("target/test-drivers").toAbsolutePath();
    private static final String QUERY = "SELECT ma_chi_tieu AS indicator, ma_dia_ban AS area, ky AS period, gia_tri AS \"value\","
            + " ghi_chu AS comment, cap_nhat FROM bao_cao_chi_tieu";

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void pollsChangedRowsOfAnH2Database(EmbeddedKafkaBroker broker) throws SQLException {
        pollsOnlyChangedRowsAndRemembersWhereItLeftOff(broker, "jdbc:h2:file:" + folder.resolve("ketoan").toAbsolutePath(), "2026-07");
    }

    @Test
    void pollsChangedRowsOfAPostgreSqlDatabase(EmbeddedKafkaBroker broker) throws SQLException {
        String url = System.getenv("DMHUB_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "DMHUB_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against");
        pollsOnlyChangedRowsAndRemembersWhereItLeftOff(broker, url, "2026-08");
    }

    @Test
    void aDatabaseWithoutItsDriverIsRefusedWithTheFolderToPutItIn(EmbeddedKafkaBroker broker) {
        publishCatalog(broker);
        int exit = poll(broker, "jdbc:postgresql://127.0.0.1:1/none", folder.resolve("no-drivers"), "--once");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no JDBC driver accepts jdbc:postgresql://127.0.0.1:1/none", "--drivers");
    }

    private void pollsOnlyChangedRowsAndRemembersWhereItLeftOff(EmbeddedKafkaBroker broker, String url, String period)
            throws SQLException {
        publishCatalog(broker);
        LocalDateTime start = LocalDateTime.of(2026, 11, 27, 8, 0, 0, 123_456_000);
        try (Connection database = connect(url)) {
            execute(database, "DROP TABLE IF EXISTS bao_cao_chi_tieu");
            execute(database, "CREATE TABLE bao_cao_chi_tieu (ma_chi_tieu VARCHAR(20), ma_dia_ban VARCHAR(20), ky VARCHAR(10),"
                    + " gia_tri DECIMAL(30, 12), ghi_chu VARCHAR(200), cap_nhat TIMESTAMP)");
            insert(database, "25747", period, "98765.123456789012", "Số liệu ước tính", start);
            insert(database, "25750", period, "0.000000000001", null, start.plusSeconds(1));
        }

        assertThat(poll(broker, url, DRIVERS, "--once")).as(err.toString()).isZero();
        List<IndicatorObservation> first = read(broker, period, 2);
        assertThat(first).extracting(IndicatorObservation::getArea).containsExactly("25747", "25750");
        assertThat(first.get(0).getValue()).isEqualByComparingTo("98765.123456789012");
        assertThat(first.get(0).getComment()).isEqualTo("Số liệu ước tính");
        assertThat(first.get(0).getUnit()).as("the catalog's unit").isEqualTo("tỷ đồng");
        assertThat(first.get(0).getRevision()).as("epoch milliseconds of the watermark, the clock of files")
                .isEqualTo(ChronoUnit.MILLIS.between(LocalDateTime.of(1970, 1, 1, 0, 0), start));

        assertThat(poll(broker, url, DRIVERS, "--once")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("0 published");
        read(broker, period, 2);

        try (Connection database = connect(url)) {
            execute(database, "UPDATE bao_cao_chi_tieu SET gia_tri = 99000, cap_nhat = TIMESTAMP '2026-11-27 09:00:00'"
                    + " WHERE ma_dia_ban = '25747'");
            insert(database, "99999", period, "5", null, start.plusHours(1));
        }
        int exit = poll(broker, url, DRIVERS, "--once");

        assertThat(exit).as("an invalid row is reported").isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(err.toString()).contains("area", "99999", "UNKNOWN_AREA");
        List<IndicatorObservation> all = read(broker, period, 3);
        IndicatorObservation corrected = all.get(2);
        assertThat(corrected.getArea()).isEqualTo("25747");
        assertThat(corrected.getValue()).isEqualByComparingTo("99000");
        assertThat(corrected.getRevision()).as("a later change supersedes").isGreaterThan(first.get(0).getRevision());

        // a row stamped before the last poll but committed after it: found by reading an overlap window again
        try (Connection database = connect(url)) {
            insert(database, "25750", period, "7", "gửi muộn", start.plusMinutes(30));
        }
        assertThat(poll(broker, url, DRIVERS, "--once")).isEqualTo(ExitCodes.INVALID_FILE);
        read(broker, period, 3);
        assertThat(poll(broker, url, DRIVERS, "--once", "--overlap", "45m")).isEqualTo(ExitCodes.INVALID_FILE);
        // the window (08:15 to 09:00) holds the late row and the corrected one, sent again with its eventId
        List<IndicatorObservation> withLate = read(broker, period, 5);
        assertThat(withLate.subList(3, 5)).extracting(IndicatorObservation::getComment).containsExactly("gửi muộn", "Số liệu ước tính");
        assertThat(withLate.get(4).getEventId()).isEqualTo(corrected.getEventId());

        // --reset reads every row again: the same eventIds, which the hub counts once
        assertThat(poll(broker, url, DRIVERS, "--once", "--reset")).isEqualTo(ExitCodes.INVALID_FILE);
        List<IndicatorObservation> again = read(broker, period, 8);
        assertThat(again.subList(5, 8)).extracting(IndicatorObservation::getEventId)
                .containsExactlyInAnyOrder(first.get(1).getEventId(), withLate.get(3).getEventId(), corrected.getEventId());
    }

    private int poll(EmbeddedKafkaBroker broker, String url, Path drivers, String... extra) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.getBrokersAsString(),
                "--registry-url", registry.baseUrl(), "--department", "STC", "--spool", folder.resolve("spool").toString(),
                "poll", "--jdbc-url", url, "--query", QUERY, "--watermark-column", "cap_nhat", "--drivers", drivers.toString()));
        args.addAll(List.of(extra));
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args.toArray(String[]::new));
    }

    private static List<IndicatorObservation> read(EmbeddedKafkaBroker broker, String period, int expected) {
        return TestTopics.readObservations(broker.getBrokersAsString(), registry.baseUrl(), TOPIC,
                observation -> observation.getPeriod().equals(period), expected);
    }

    private static void publishCatalog(EmbeddedKafkaBroker broker) {
        TestTopics.publishCatalog(broker.getBrokersAsString(), registry.baseUrl());
    }

    /** The test's own connection: H2 from the class path, PostgreSQL's driver from the drivers folder. */
    private static Connection connect(String url) throws SQLException {
        return org.dmhub.connector.jdbc.JdbcDrivers.from(DRIVERS).connect(url, null, null);
    }

    private static void execute(Connection database, String sql) throws SQLException {
        try (Statement statement = database.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void insert(Connection database, String area, String period, String value, String comment, LocalDateTime at)
            throws SQLException {
        try (PreparedStatement insert = database.prepareStatement("INSERT INTO bao_cao_chi_tieu VALUES ('NS-01', ?, ?, ?, ?, ?)")) {
            insert.setString(1, area);
            insert.setString(2, period);
            insert.setBigDecimal(3, new BigDecimal(value));
            insert.setString(4, comment);
            insert.setTimestamp(5, Timestamp.valueOf(at));
            insert.executeUpdate();
        }
    }
}
