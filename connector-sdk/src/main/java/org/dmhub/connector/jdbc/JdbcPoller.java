package org.dmhub.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.RevisionClock;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.FileRow;
import org.dmhub.connector.file.ObservationFileFormat;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.connector.file.ObservationFileReader;
import org.dmhub.connector.file.RowError;
import org.dmhub.contract.RecordKeys;

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
    private final RevisionClock revisions;

    /**
     * @param overlap how far before the last watermark each poll reads again (timestamps only): for databases that
     *     stamp a row before its transaction commits; rows read again count once at the hub (same eventId)
     */
    public JdbcPoller(JdbcDrivers drivers, String url, String user, String password, ChangedRows changedRows,
            WatermarkStore watermarks, Duration overlap) {
        this(drivers, url, user, password, changedRows, watermarks, overlap, RevisionClock.system());
    }

    /**
     * @param revisions the clock that gives rows without a revision column theirs; the same for every poll of a
     *     process, so that a key's revisions only grow
     */
    public JdbcPoller(JdbcDrivers drivers, String url, String user, String password, ChangedRows changedRows,
            WatermarkStore watermarks, Duration overlap, RevisionClock revisions) {
        this.revisions = revisions;
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
     * Reads, checks and publishes the rows changed since the last poll. The watermark moves on only once the
     * observations are written to the connector's spool file and forced to disk (or, without a spool, stored by the
     * broker): a crash or a failed write in between reads them again at the next poll rather than losing them.
     */
    public Poll poll(ObservationFileReader reader, DmConnector connector) throws SQLException {
        Watermark since = watermarks.get(sourceKey);
        List<RowError> errors = new ArrayList<>();
        ChangedRows.Result changed;
        try (Connection connection = drivers.connect(url, user, password)) {
            connection.setReadOnly(true);
            changed = changedRows.read(connection, since == null ? null : since.minus(overlap), since, errors);
        }
        FileReadResult checked = reader.convert(withRevisions(changed), errors);
        // rows at exactly the last watermark are read again; those already published are not sent twice
        Set<String> alreadyPublished = watermarks.publishedAtWatermark(sourceKey);
        List<NumberedObservation> toPublish = checked.valid().stream()
                .filter(row -> !alreadyPublished.contains(row.observation().getEventId())).toList();
        if (!toPublish.isEmpty()) {
            List<CompletableFuture<RecordMetadata>> sends = connector.publishEach(toPublish.stream()
                    .map(NumberedObservation::observation).toList());
            if (!connector.spools()) {
                // nothing durable holds them but the broker: wait for it before moving the watermark on
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            }
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
     * The rows, each without a revision column given its revision on the one revision clock: a timestamp watermark's
     * time in epoch milliseconds (raised when two changes of a key fall in one millisecond), the poll's time for a
     * number watermark, which is a counter and not a time. The row's version is its watermark, so that a row read
     * again is the same event at the hub whatever revision it gets.
     */
    private List<FileRow> withRevisions(ChangedRows.Result changed) {
        List<FileRow> rows = new ArrayList<>(changed.rows().size());
        for (FileRow row : changed.rows()) {
            Watermark watermark = changed.rowWatermarks().get(row.row());
            if (row.field(ObservationFileFormat.REVISION) != null || watermark == null) {
                rows.add(row);
                continue;
            }
            Long stamped = watermark.epochMillis();
            String key = RecordKeys.valueKey(row.field(ObservationFileFormat.INDICATOR), row.field(ObservationFileFormat.AREA),
                    row.field(ObservationFileFormat.PERIOD));
            long revision = revisions.at(key, stamped != null ? stamped : revisions.millis(), watermark);
            Map<String, String> fields = new LinkedHashMap<>(row.fields());
            fields.put(ObservationFileFormat.REVISION, Long.toString(revision));
            rows.add(new FileRow(row.row(), fields, row.valueIsNumber(), row.readable(), "watermark " + watermark.text()));
        }
        return rows;
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
