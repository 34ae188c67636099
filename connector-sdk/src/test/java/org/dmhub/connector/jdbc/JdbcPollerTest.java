package org.dmhub.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.file.ObservationFileReader;
import org.dmhub.connector.spool.Spool;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller with a real H2 database, a real spool file and a connector whose broker is unreachable: what reaches
 * the spool, with which revisions, and when the watermark moves on. No broker is needed: nothing is acknowledged.
 */
class JdbcPollerTest {

    private static final String QUERY = "SELECT indicator, area, period, \"value\", cap_nhat FROM bao_cao";
    private static final LocalDateTime STAMPED = LocalDateTime.of(2026, 11, 27, 8, 0, 0, 123_456_000);

    @TempDir
    Path folder;

    private String url;
    private Connection database;
    private WatermarkStore watermarks;
    private final ChangedRows changedRows = new ChangedRows(QUERY, "cap_nhat");
    private final ObservationFileReader reader = new ObservationFileReader("STC", "test",
            CatalogLookup.of(SampleFramework.INDICATORS, SampleFramework.AREAS), false, Clock.systemUTC());

    @BeforeEach
    void createTheDatabase() throws SQLException {
        url = "jdbc:h2:mem:" + folder.getFileName() + ";DB_CLOSE_DELAY=-1";
        database = DriverManager.getConnection(url);
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE bao_cao (indicator VARCHAR(20), area VARCHAR(20), period VARCHAR(10), \"value\" DECIMAL(20,4),"
                    + " cap_nhat TIMESTAMP(6))");
            statement.execute("INSERT INTO bao_cao VALUES ('NS-01', '25747', '2026-10', 12, TIMESTAMP '2026-11-27 08:00:00.123456'),"
                    + " ('NS-01', '25750', '2026-10', 7, TIMESTAMP '2026-11-27 08:00:00.123999')");
        }
        watermarks = WatermarkStore.open(folder.resolve("poll-watermarks.mv"));
    }

    @AfterEach
    void close() throws SQLException {
        watermarks.close();
        database.close();
    }

    @Test
    void theWatermarkIsNotAdvancedWhenTheRowsCannotBeSpooled() throws SQLException {
        JdbcPoller poller = poller();
        DmConnector connector = connector();
        connector.close(); // its spool is closed: writing to it fails, as on a full or failing disk

        assertThatThrownBy(() -> poller.poll(reader, connector)).isInstanceOf(RuntimeException.class);

        assertThat(watermarks.get(sourceKey())).as("the next poll reads the same rows again").isNull();
        try (DmConnector reopened = connector()) {
            JdbcPoller.Poll poll = poller.poll(reader, reopened);
            assertThat(poll.published()).isEqualTo(2);
            assertThat(reopened.spooled()).isEqualTo(2);
        }
        assertThat(watermarks.get(sourceKey())).isNotNull();
    }

    @Test
    void theWatermarkIsSavedOnceTheRowsAreInTheSpoolWithMillisecondRevisions() throws SQLException {
        try (DmConnector connector = connector()) {
            JdbcPoller.Poll poll = poller().poll(reader, connector);
            assertThat(poll.errors()).isEmpty();
            assertThat(poll.to().text()).isEqualTo("2026-11-27T08:00:00.123999");
        }
        List<IndicatorObservation> spooled = spooled();

        long millis = STAMPED.toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(spooled).extracting(IndicatorObservation::getRevision).as("epoch milliseconds, not microseconds")
                .containsExactly(millis, millis);
        assertThat(spooled.get(0).getRevision()).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(
                Duration.ofDays(3650).toMillis()));
    }

    @Test
    void twoChangesOfARowInOneMillisecondGetIncreasingRevisionsAndARowReadAgainIsTheSameEvent() throws SQLException {
        JdbcPoller poller = poller();
        try (DmConnector connector = connector(); Statement statement = database.createStatement()) {
            statement.execute("UPDATE bao_cao SET cap_nhat = TIMESTAMP '2026-11-27 08:00:00.122' WHERE area = '25750'");
            poller.poll(reader, connector);
            statement.execute("UPDATE bao_cao SET \"value\" = 13, cap_nhat = TIMESTAMP '2026-11-27 08:00:00.123789'"
                    + " WHERE area = '25747'");
            statement.execute("UPDATE bao_cao SET cap_nhat = TIMESTAMP '2026-11-27 08:00:00.124999' WHERE area = '25750'");
            poller.poll(reader, connector);
            poller.reset();
            poller.poll(reader, connector);
        }
        List<IndicatorObservation> commune25747 = spooled().stream().filter(o -> o.getArea().equals("25747")).toList();

        long millis = STAMPED.toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(commune25747).extracting(IndicatorObservation::getRevision).containsExactly(millis, millis + 1, millis + 1);
        assertThat(commune25747.get(2).getEventId()).as("read again after --reset: the same event").isEqualTo(commune25747.get(1).getEventId());
    }

    private JdbcPoller poller() {
        return new JdbcPoller(JdbcDrivers.from(null), url, null, null, changedRows, watermarks, Duration.ZERO);
    }

    private String sourceKey() {
        return url + "\n" + changedRows.describe();
    }

    private DmConnector connector() {
        return DmConnector.builder().bootstrapServers("127.0.0.1:9").registryUrl("http://127.0.0.1:9").department("STC")
                .spool(folder.resolve("spool")).timeout(Duration.ofMillis(200)).build();
    }

    private List<IndicatorObservation> spooled() {
        List<IndicatorObservation> observations = new ArrayList<>();
        try (Spool spool = Spool.open(folder.resolve("spool"))) {
            long after = 0;
            for (Map.Entry<Long, IndicatorObservation> next = spool.nextAfter(after); next != null; next = spool.nextAfter(after)) {
                observations.add(next.getValue());
                after = next.getKey();
            }
        }
        return observations;
    }
}
