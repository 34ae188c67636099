package org.dmhub.hub.publication;

import java.util.Set;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.support.StoreDefinition;

/**
 * The stores of a stage that keeps its reporting units' inputs itself and rolls them up once per emit interval: the
 * roll-up of RATIO and WEIGHTED_AVERAGE indicators, and the roll-up over time.
 *
 * @param inputs what each reporting unit contributes (a value, or both inputs of a RATIO or WEIGHTED_AVERAGE)
 * @param pending the keys whose inputs changed since they were last rolled up
 * @param published what was last published of each key
 */
public record RollupStageStores(StoreDefinition<UnitInputs> inputs, StoreDefinition<Long> pending,
        StoreDefinition<PublishedValues> published) {

    public Set<StoreBuilder<?>> builders() {
        return Set.of(inputs.builder(), pending.builder(), published.builder());
    }
}
