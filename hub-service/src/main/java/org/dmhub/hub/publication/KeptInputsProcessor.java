package org.dmhub.hub.publication;

import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.UnitInputUpdates;
import org.dmhub.hub.aggregation.UnitInputs;

/**
 * The processor of a stage that keeps its reporting units' inputs itself ({@link RollupStageStores}): each change is
 * stored and marks the keys it is part of as owing a roll-up, and once per emit interval each of them is rolled up
 * ({@link #rollUp}) and what changed is published.
 *
 * @param <V> what the stage receives
 */
public abstract class KeptInputsProcessor<V> implements Processor<String, V, String, SpecificRecord> {

    private final RollupStageStores stores;
    private final IndicatorPeriodRollups.Settings settings;
    private KeyValueStore<String, UnitInputs> inputs;
    private IndicatorPeriodRollups rollups;
    private PendingRollups pending;

    protected KeptInputsProcessor(RollupStageStores stores, IndicatorPeriodRollups.Settings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public final void init(ProcessorContext<String, SpecificRecord> context) {
        inputs = stores.inputs().in(context);
        rollups = new IndicatorPeriodRollups(context, stores.published().in(context), settings);
        pending = new PendingRollups(stores.pending().in(context));
        context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> pending.drain(this::rollUp));
    }

    /**
     * Stores one input of a unit and marks the keys it enters as owing a roll-up.
     *
     * @param companion whether it is the companion (a weight, a denominator) or the value
     * @param value null when retracted
     * @param sentAt when the change was sent (its record's time)
     */
    protected final void inputChanged(String unitKey, boolean companion, BigDecimal value, long sentAt, List<String> owingRollups) {
        inputs.put(unitKey, UnitInputUpdates.with(inputs.get(unitKey), companion, value));
        owingRollups.forEach(key -> pending.mark(key, sentAt));
    }

    /** Rolls up one key whose inputs changed since it was last rolled up, and publishes what changed. */
    protected abstract void rollUp(String key, long sentAt);

    protected final KeyValueStore<String, UnitInputs> inputs() {
        return inputs;
    }

    protected final IndicatorPeriodRollups rollups() {
        return rollups;
    }

    protected final IndicatorPeriodRollups.Settings settings() {
        return settings;
    }
}
