package org.dmhub.hub.publication;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.hub.aggregation.PendingRollups;

/**
 * The processor of a stage that keeps its reporting units' inputs itself ({@link RollupStageStores}): it stores each
 * change and marks the keys it enters as owing a roll-up; at each emit ({@link EmitCadence}) each of them (through a
 * backlog, each that settled: {@link PendingRollups#drainSettled}) is rolled up ({@link #rollUp}) and what changed is
 * published.
 *
 * @param <V> what the stage receives
 * @param <I> how it keeps its inputs
 */
public abstract class KeptInputsProcessor<V, I> implements Processor<String, V, String, SpecificRecord> {

    private final RollupStageStores<I> stores;
    private final IndicatorPeriodRollups.Settings settings;
    private KeyValueStore<String, I> inputs;
    private IndicatorPeriodRollups rollups;
    private PendingRollups pending;

    protected KeptInputsProcessor(RollupStageStores<I> stores, IndicatorPeriodRollups.Settings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        inputs = stores.inputs().in(context);
        rollups = new IndicatorPeriodRollups(context, stores.published().in(context), settings);
        pending = new PendingRollups(stores.pending().in(context));
        EmitCadence.schedule(context, settings, pending, this::rollUp, this::rolledUp);
    }

    /** Rolls up one key whose inputs changed since it was last rolled up, and publishes what changed. */
    protected abstract void rollUp(String key, long sentAt);

    /** After the keys owing a roll-up at an emit were rolled up, before any further change is stored. */
    protected void rolledUp() {
    }

    /** @param sentAt when the change was sent (its record's time): the view's latency is measured from the earliest */
    protected final void owesRollup(String key, long sentAt) {
        pending.mark(key, sentAt);
    }

    protected final KeyValueStore<String, I> inputs() {
        return inputs;
    }

    protected final IndicatorPeriodRollups rollups() {
        return rollups;
    }

    protected final IndicatorPeriodRollups.Settings settings() {
        return settings;
    }
}
