package org.dmhub.hub.aggregation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.hub.support.StoreKind;

/**
 * The indicator-periods whose inputs changed since they were last rolled up. Kept in a state store, not in memory,
 * so that a roll-up owed when the hub stops is still owed when it restarts: input offsets and this list are
 * committed in the same transaction.
 */
public final class PendingRollups {

    private final KeyValueStore<String, Long> store;

    /**
     * Drains the pending indicator-periods once per {@code interval} (wall-clock), handing each to {@code rollUp} with
     * the time its earliest pending change was sent.
     */
    public PendingRollups(ProcessorContext<?, ?> context, String storeName, Duration interval, BiConsumer<String, Long> rollUp) {
        this.store = context.getStateStore(storeName);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> drain(rollUp));
    }

    /** Pending keys come and go within a commit: the record cache keeps most of them off the changelog. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String name, StoreKind storeKind) {
        return Stores.keyValueStoreBuilder(storeKind.supplier(name), Serdes.String(), Serdes.Long()).withCachingEnabled();
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

    private void drain(BiConsumer<String, Long> rollUp) {
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
