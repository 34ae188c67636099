package org.dmhub.hub.publication;

import java.util.Set;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.hub.support.StoreDefinition;

/**
 * The stores of a stage that keeps its reporting units' inputs itself and rolls them up at each emit: the
 * roll-up of RATIO and WEIGHTED_AVERAGE indicators, and the roll-up over time.
 *
 * @param inputs what the reporting units contribute
 * @param pending the keys whose inputs changed since they were last rolled up
 * @param published what was last published of each key
 * @param <I> how the stage keeps its inputs
 */
public record RollupStageStores<I>(StoreDefinition<I> inputs, StoreDefinition<Long> pending,
        StoreDefinition<PublishedValues> published) {

    public Set<StoreBuilder<?>> builders() {
        return Set.of(inputs.builder(), pending.builder(), published.builder());
    }
}
