package org.dmhub.hub.publication;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A stage that keeps its reporting units' inputs itself ({@link RollupStageStores}) and rolls them up with a
 * {@link KeptInputsProcessor}: the roll-up of RATIO and WEIGHTED_AVERAGE indicators, and the roll-up over time.
 *
 * @param <V> what the stage receives
 * @param <I> how it keeps its inputs
 */
public abstract class KeptInputsStage<V, I> implements ProcessorSupplier<String, V, String, SpecificRecord> {

    private final RollupStageStores<I> stores;
    private final IndicatorPeriodRollups.Settings settings;

    protected KeptInputsStage(RollupStageStores<I> stores, IndicatorPeriodRollups.Settings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public final Set<StoreBuilder<?>> stores() {
        return stores.builders();
    }

    protected final RollupStageStores<I> stageStores() {
        return stores;
    }

    protected final IndicatorPeriodRollups.Settings settings() {
        return settings;
    }
}
