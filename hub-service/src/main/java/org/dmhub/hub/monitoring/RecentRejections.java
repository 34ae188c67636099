package org.dmhub.hub.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.schemas.ObservationRejected;

/**
 * Keeps the latest rejections of every stage in a state store, for the focal point's rejection feed. Each task keeps
 * its newest {@link #KEPT_PER_TASK}; the rejected topic keeps all. The feed reads the hub's own repartition topic,
 * never the department topics, so that a department topic of any partition count cannot clash with the store's
 * changelog.
 */
public final class RecentRejections implements ProcessorSupplier<String, ObservationRejected, Void, Void> {

    static final int KEPT_PER_TASK = 500;
    private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final StoreDefinition<ObservationRejected> store;

    /** @param store the feed's store: in memory, with a changelog (pruned keys become tombstones) so that the feed survives a rebalance */
    public RecentRejections(StoreDefinition<ObservationRejected> store) {
        this.store = store;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store.builder());
    }

    @Override
    public Processor<String, ObservationRejected, Void, Void> get() {
        return new Processor<>() {
            private KeyValueStore<String, ObservationRejected> recent;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                recent = store.in(context);
                context.schedule(PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> prune());
            }

            @Override
            public void process(Record<String, ObservationRejected> record) {
                ObservationRejected rejection = record.value();
                // oldest first in key order: the time, then where it came from (unique)
                recent.put(String.format("%013d|%s|%d|%d", rejection.getRejectedAt().toEpochMilli(), rejection.getSourceTopic(),
                        rejection.getSourcePartition(), rejection.getSourceOffset()), rejection);
            }

            private void prune() {
                long excess = recent.approximateNumEntries() - KEPT_PER_TASK;
                if (excess <= 0) {
                    return;
                }
                List<String> oldest = new ArrayList<>();
                try (KeyValueIterator<String, ObservationRejected> all = recent.all()) {
                    while (all.hasNext() && oldest.size() < excess) {
                        oldest.add(all.next().key);
                    }
                }
                oldest.forEach(recent::delete);
            }
        };
    }
}
