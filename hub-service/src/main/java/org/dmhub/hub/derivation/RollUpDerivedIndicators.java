package org.dmhub.hub.derivation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.reconciliation.ReconciliationInputs;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.hub.support.StoreDefinition;

/**
 * Rolls up the indicators computed from two inputs per unit — RATIO (numerator, denominator) and WEIGHTED_AVERAGE
 * (value, weight) — from the unit values the consolidation forwards ({@link DerivedInputs}), keyed {@code target|period}.
 */
public final class RollUpDerivedIndicators implements ProcessorSupplier<String, UnitInputChange, String, SpecificRecord> {

    /**
     * @param inputs both inputs of every unit, keyed {@code target|period|area}
     * @param pending the target-periods whose inputs changed since they were last rolled up
     * @param published what was last published of each target-period
     */
    public record Stores(StoreDefinition<UnitInputs> inputs, StoreDefinition<Long> pending, StoreDefinition<PublishedValues> published) {
    }

    public static final List<StageOutput<?>> OUTPUTS = List.of(ValuePublisher.VIEW_VALUES, ValuePublisher.NATIONAL_AGGREGATES,
            ReconciliationInputs.OUTPUT);

    private final Stores stores;
    private final IndicatorPeriodRollups.Settings settings;

    public RollUpDerivedIndicators(Stores stores, IndicatorPeriodRollups.Settings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.inputs().builder(), stores.pending().builder(), stores.published().builder());
    }

    @Override
    public Processor<String, UnitInputChange, String, SpecificRecord> get() {
        return new DerivedRollups();
    }

    private final class DerivedRollups implements Processor<String, UnitInputChange, String, SpecificRecord> {
        private KeyValueStore<String, UnitInputs> inputs;
        private IndicatorPeriodRollups rollups;
        private PendingRollups pending;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            inputs = stores.inputs().in(context);
            rollups = new IndicatorPeriodRollups(context, stores.published().in(context), settings);
            pending = new PendingRollups(stores.pending().in(context));
            context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> pending.drain(this::rollUp));
        }

        @Override
        public void process(Record<String, UnitInputChange> record) {
            UnitInputChange change = record.value();
            String unitKey = record.key() + RecordKeys.SEPARATOR + change.getUnit();
            UnitInputs current = inputs.get(unitKey);
            UnitInputs updated = current == null ? new UnitInputs(null, null) : new UnitInputs(current.getValue(), current.getCompanion());
            if (change.getCompanion()) {
                updated.setCompanion(change.getValue());
            } else {
                updated.setValue(change.getValue());
            }
            inputs.put(unitKey, updated);
            pending.mark(record.key(), record.timestamp());
        }

        private void rollUp(String targetPeriod, long sentAt) {
            int separator = targetPeriod.indexOf(RecordKeys.SEPARATOR);
            CatalogSnapshot framework = settings.catalog().snapshot();
            framework.indicator(targetPeriod.substring(0, separator)).ifPresent(target ->
                    rollups.rollUp(framework, target, targetPeriod.substring(separator + 1), unitInputs(targetPeriod), sentAt));
        }

        private Map<String, UnitInput> unitInputs(String targetPeriod) {
            Map<String, UnitInput> unitInputs = new HashMap<>();
            String prefix = targetPeriod + RecordKeys.SEPARATOR;
            try (KeyValueIterator<String, UnitInputs> units = inputs.prefixScan(prefix, new StringSerializer())) {
                units.forEachRemaining(unit -> unitInputs.put(unit.key.substring(prefix.length()),
                        new UnitInput(unit.value.getValue(), unit.value.getCompanion())));
            }
            return unitInputs;
        }
    }
}
