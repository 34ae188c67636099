package org.dmhub.connector.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.dmhub.schemas.IndicatorObservation;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A connector's durable queue of observations not yet acknowledged by the broker, in one file of H2's MVStore
 * ({@code <folder>/spool.mv}). An observation is written here before it is sent and removed once the broker has
 * stored it, so that neither a broker outage nor the end of the connector's process loses it. Entries keep the
 * order they were added in.
 *
 * <p>What is added is forced to the disk (fsync) before {@link #append} returns, so that it survives a power cut
 * as well as the end of the process; removals are not forced (one lost is sent again, and counted once at the hub).
 *
 * <p>One process at a time: a second connector opening the same folder is refused.
 */
public final class Spool implements AutoCloseable {

    static final String FILE_NAME = "spool.mv";

    private final Path file;
    private final MVStore store;
    /** Sequence number → the observation in Avro's single-object encoding. */
    private final MVMap<Long, byte[]> pending;
    /** Observations the broker refused for good (not a transient error), kept for the operator to look at. */
    private final MVMap<Long, byte[]> refused;
    private long nextSequence;
    private final boolean forceToDisk;

    private Spool(Path file, MVStore store, boolean forceToDisk) {
        this.file = file;
        this.store = store;
        this.forceToDisk = forceToDisk;
        this.pending = store.openMap("pending");
        this.refused = store.openMap("refused");
        Long last = pending.lastKey();
        Long lastRefused = refused.lastKey();
        this.nextSequence = Math.max(last == null ? 0 : last, lastRefused == null ? 0 : lastRefused) + 1;
    }

    /**
     * Opens (or creates) the spool in {@code folder}.
     *
     * @throws SpoolUnavailableException when another process holds it or the file cannot be read
     */
    public static Spool open(Path folder) {
        return open(folder, true);
    }

    /** As {@link #open(Path)}; without {@code forceToDisk} only to measure what forcing costs. */
    static Spool open(Path folder, boolean forceToDisk) {
        Path file = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SpoolUnavailableException("cannot create the spool folder " + folder + ": " + e.getMessage(), e);
        }
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            return new Spool(file, store, forceToDisk);
        } catch (MVStoreException unusable) {
            throw new SpoolUnavailableException("cannot open the spool " + file + " (is another connector using it?): "
                    + unusable.getMessage(), unusable);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Adds observations, in order, and writes them to the file and forces it to the disk before returning.
     *
     * @return their sequence numbers
     */
    public List<Long> append(List<IndicatorObservation> observations) {
        List<Long> sequences = new ArrayList<>(observations.size());
        append(observations, sequences::add);
        return sequences;
    }

    /**
     * As {@link #append(List)}, telling {@code beforeVisible} each observation's sequence number before a reader of
     * the spool ({@link #nextAfter}) can see the observation: a sender may send it, and the broker acknowledge it,
     * before this method returns. Nothing is added when one of them cannot be written.
     */
    public synchronized void append(List<IndicatorObservation> observations, LongConsumer beforeVisible) {
        List<byte[]> encoded = new ArrayList<>(observations.size());
        for (IndicatorObservation observation : observations) {
            encoded.add(encode(observation));
        }
        for (byte[] bytes : encoded) {
            long sequence = nextSequence++;
            beforeVisible.accept(sequence);
            pending.put(sequence, bytes);
        }
        store.commit();
        forceToDisk();
    }

    /** The first pending entry after {@code sequence}; null when there is none. */
    public Map.Entry<Long, IndicatorObservation> nextAfter(long sequence) {
        List<Map.Entry<Long, IndicatorObservation>> next = nextAfter(sequence, 1);
        return next.isEmpty() ? null : next.get(0);
    }

    /** Up to {@code atMost} pending entries after {@code sequence}, in order; empty when there are none. */
    public List<Map.Entry<Long, IndicatorObservation>> nextAfter(long sequence, int atMost) {
        List<Map.Entry<Long, IndicatorObservation>> next = new ArrayList<>(Math.min(atMost, 1024));
        if (sequence == Long.MAX_VALUE) {
            return next;
        }
        Cursor<Long, byte[]> cursor = pending.cursor(sequence + 1);
        while (next.size() < atMost && cursor.hasNext()) {
            long key = cursor.next();
            next.add(Map.entry(key, decode(cursor.getValue())));
        }
        return next;
    }

    /** The broker stored it: it leaves the spool (written to the file at the next {@link #commit()}). */
    public void remove(long sequence) {
        pending.remove(sequence);
    }

    /** The broker refused it for good: it moves aside, out of the sending order. */
    public synchronized void refuse(long sequence) {
        byte[] bytes = pending.remove(sequence);
        if (bytes != null) {
            refused.put(sequence, bytes);
        }
        store.commit();
        forceToDisk();
    }

    private void forceToDisk() {
        if (forceToDisk) {
            store.sync();
        }
    }

    /**
     * Writes removals to the file. An entry removed but not yet written is sent again after a crash, harmlessly. It
     * does not wait for an {@link #append} under way (the store takes concurrent writes), so that a sender keeps
     * sending while a large batch is added.
     */
    public void commit() {
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
    }

    public long pendingCount() {
        return pending.sizeAsLong();
    }

    public long refusedCount() {
        return refused.sizeAsLong();
    }

    /** The refused observations, oldest first. */
    public List<IndicatorObservation> refusedObservations() {
        List<IndicatorObservation> observations = new ArrayList<>();
        refused.values().forEach(bytes -> observations.add(decode(bytes)));
        return observations;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private static byte[] encode(IndicatorObservation observation) {
        try {
            ByteBuffer buffer = observation.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException notWritable) {
            throw new IllegalArgumentException("cannot write the observation " + observation.getEventId() + ": "
                    + notWritable.getMessage(), notWritable);
        }
    }

    private static IndicatorObservation decode(byte[] bytes) {
        try {
            return IndicatorObservation.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("an entry of the spool cannot be read", e);
        }
    }
}
