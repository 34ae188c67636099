package org.dmhub.hub.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The indicator-periods whose inputs changed since they were last rolled up. Kept in a state store, not in memory,
 * so that a roll-up owed when the hub stops is still owed when it restarts: input offsets and this list are
 * committed in the same transaction.
 */
public final class PendingRollups {

    private final KeyValueStore<String, Long> store;

    /** @param store of the pending keys, each with the time its earliest pending change was sent */
    public PendingRollups(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /**
     * @param sentAt when the change was sent (its record's time); the earliest of a key's pending changes is kept
     */
    public void mark(String indicatorPeriod, long sentAt) {
        Long known = store.get(indicatorPeriod);
        if (known == null || sentAt < known) {
            store.put(indicatorPeriod, sentAt);
        }
    }

    /** Hands each pending indicator-period to {@code rollUp} with the time its earliest pending change was sent, and forgets it. */
    public void drain(BiConsumer<String, Long> rollUp) {
        List<KeyValue<String, Long>> pending = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<String, Long> indicatorPeriod : pending) {
            rollUp.accept(indicatorPeriod.key, indicatorPeriod.value);
            store.delete(indicatorPeriod.key);
        }
    }
}
