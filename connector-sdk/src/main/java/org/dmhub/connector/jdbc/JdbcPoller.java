package org.dmhub.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.connector.file.ObservationFileReader;
import org.dmhub.connector.file.RowError;

/**
 * One department database as a source of observations: each poll reads the rows changed since the last one, checks
 * them with the hub's rules, publishes the valid ones through the connector's spool and then remembers the
 * watermark. Invalid rows are reported and skipped; once corrected in the database their watermark grows and the
 * next poll reads them again.
 */
public final class JdbcPoller {

    private final JdbcDrivers drivers;
    private final String url;
    private final String user;
    private final String password;
    private final ChangedRows changedRows;
    private final WatermarkStore watermarks;
    private final String sourceKey;
    private final Duration overlap;

    /**
     * @param overlap how far before the last watermark each poll reads again (timestamps only): for databases that
     *     stamp a row before its transaction commits; rows read again count once at the hub (same eventId)
     */
    public JdbcPoller(JdbcDrivers drivers, String url, String user, String password, ChangedRows changedRows,
            WatermarkStore watermarks, Duration overlap) {
        this.drivers = drivers;
        this.url = url;
        this.user = user;
        this.password = password;
        this.changedRows = changedRows;
        this.watermarks = watermarks;
        this.sourceKey = url + "\n" + changedRows.describe();
        this.overlap = overlap;
    }

    /** Forgets where the polls left off: the next one reads every row again (rows sent before count once at the hub). */
    public void reset() {
        watermarks.remove(sourceKey);
    }

    /**
     * Reads, checks and publishes the rows changed since the last poll. The observations are in the connector's spool
     * (or sent) before the watermark moves on, so that a crash in between reads them again rather than losing them.
     */
    public Poll poll(ObservationFileReader reader, DmConnector connector) throws SQLException {
        Watermark since = watermarks.get(sourceKey);
        List<RowError> errors = new ArrayList<>();
        ChangedRows.Result changed;
        try (Connection connection = drivers.connect(url, user, password)) {
            connection.setReadOnly(true);
            changed = changedRows.read(connection, since == null ? null : since.minus(overlap), since, errors);
        }
        FileReadResult checked = reader.convert(changed.rows(), errors);
        // rows at exactly the last watermark are read again; those already published are not sent twice
        Set<String> alreadyPublished = watermarks.publishedAtWatermark(sourceKey);
        List<NumberedObservation> toPublish = checked.valid().stream()
                .filter(row -> !alreadyPublished.contains(row.observation().getEventId())).toList();
        if (!toPublish.isEmpty()) {
            connector.publishEach(toPublish.stream().map(NumberedObservation::observation).toList());
        }
        Watermark next = changed.watermark();
        if (next != null) {
            Set<String> publishedAtNext = new HashSet<>(next.equals(since) ? alreadyPublished : Set.of());
            checked.valid().stream().filter(row -> next.equals(changed.rowWatermarks().get(row.row())))
                    .forEach(row -> publishedAtNext.add(row.observation().getEventId()));
            watermarks.put(sourceKey, next, publishedAtNext);
        }
        return new Poll(since, changed.watermark(), checked.rowCount(), toPublish.size(), checked.errors());
    }

    /**
     * What one poll did.
     *
     * @param from the watermark it started from (null: the first poll read every row)
     * @param to the watermark the next poll starts from
     */
    public record Poll(Watermark from, Watermark to, int rowsRead, int published, List<RowError> errors) {
    }
}
