package org.dmhub.hub.aggregation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The indicator-periods whose inputs changed since they were last rolled up. Kept in a state store, not in memory,
 * so that a roll-up owed when the hub stops is still owed when it restarts: input offsets and this list are
 * committed in the same transaction.
 *
 * <p>Through a backlog a key's changes do not all arrive between two emits: an indicator-period's observations
 * reach its task from every partition of the department topics, and those partitions are read at different paces.
 * {@link #drainSettled} therefore hands on only the keys that did not change since the previous drain, and holds
 * the others back (for a bounded time), so that most keys are rolled up once rather than at every emit that saw
 * part of their changes. What it holds back is remembered in memory only: after a restart every owed key not changed
 * since counts as settled, which may cost a roll-up, never loses one.
 */
public final class PendingRollups {

    private final KeyValueStore<String, Long> store;
    /** The keys marked since the last drain. */
    private final Set<String> changedSinceDrain = new HashSet<>();
    /** The keys held back, each with the wall-clock time of the drain that first held it back. */
    private final Map<String, Long> heldSince = new HashMap<>();

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
        changedSinceDrain.add(indicatorPeriod);
    }

    /** Hands each pending indicator-period to {@code rollUp} with the time its earliest pending change was sent, and forgets it. */
    public void drain(BiConsumer<String, Long> rollUp) {
        drain(rollUp, key -> true);
    }

    /**
     * Hands on, as {@link #drain} does, the pending indicator-periods that did not change since the previous drain, and
     * those held back at least {@code holdAtMostMillis} ago; holds back the others.
     *
     * @param now the wall clock
     */
    public void drainSettled(BiConsumer<String, Long> rollUp, long now, long holdAtMostMillis) {
        drain(rollUp, key -> {
            if (!changedSinceDrain.contains(key)) {
                return true;
            }
            long held = heldSince.computeIfAbsent(key, any -> now);
            return now - held >= holdAtMostMillis;
        });
    }

    private void drain(BiConsumer<String, Long> rollUp, Predicate<String> settled) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(pending -> {
                if (settled.test(pending.key)) {
                    due.add(pending);
                }
            });
        }
        for (KeyValue<String, Long> indicatorPeriod : due) {
            rollUp.accept(indicatorPeriod.key, indicatorPeriod.value);
            store.delete(indicatorPeriod.key);
            heldSince.remove(indicatorPeriod.key);
        }
        changedSinceDrain.clear();
    }
}
