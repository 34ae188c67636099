package org.dmhub.hub.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The indicator-periods whose inputs changed since they were last rolled up. Kept in a state store, not in memory,
 * so that a roll-up owed when the hub stops is still owed when it restarts: input offsets and this list are
 * committed in the same transaction.
 */
public final class PendingRollups {

    private final KeyValueStore<String, Long> store;

    public PendingRollups(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    public void mark(String indicatorPeriod, long now) {
        store.putIfAbsent(indicatorPeriod, now);
    }

    /** Hands every pending indicator-period to {@code rollUp}, then forgets it. */
    public void drain(Consumer<String> rollUp) {
        List<String> pending = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> pending.add(entry.key));
        }
        for (String indicatorPeriod : pending) {
            rollUp.accept(indicatorPeriod);
            store.delete(indicatorPeriod);
        }
    }
}
