package org.dmhub.connector.jdbc;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.dmhub.connector.spool.SpoolUnavailableException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Where each poll left off, kept in a file so that a restarted poller goes on from there: one watermark per
 * database URL and query.
 */
public final class WatermarkStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> watermarks;
    /** The eventIds already published at the watermark itself, which the next poll reads again but need not send. */
    private final MVMap<String, String> publishedAtWatermark;

    private WatermarkStore(MVStore store) {
        this.store = store;
        this.watermarks = store.openMap("watermarks");
        this.publishedAtWatermark = store.openMap("publishedAtWatermark");
    }

    public static WatermarkStore open(Path file) {
        try {
            return new WatermarkStore(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
        } catch (MVStoreException unusable) {
            throw new SpoolUnavailableException("cannot open " + file + " (is another poller using it?): " + unusable.getMessage(),
                    unusable);
        }
    }

    /** The watermark of the last poll of this source; null before the first. */
    public Watermark get(String source) {
        String stored = watermarks.get(source);
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        return new Watermark(Watermark.Kind.valueOf(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    /** The eventIds published at exactly the last watermark. */
    public Set<String> publishedAtWatermark(String source) {
        String stored = publishedAtWatermark.get(source);
        return stored == null || stored.isEmpty() ? Set.of() : Set.of(stored.split(","));
    }

    /** Remembers the watermark and the eventIds published at it, written to the file and forced to disk before returning. */
    public void put(String source, Watermark watermark, Set<String> publishedAtIt) {
        watermarks.put(source, watermark.kind() + ":" + watermark.text());
        publishedAtWatermark.put(source, String.join(",", new TreeSet<>(publishedAtIt)));
        store.commit();
        store.sync();
    }

    /** Forgets a source's watermark. */
    public void remove(String source) {
        watermarks.remove(source);
        publishedAtWatermark.remove(source);
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
