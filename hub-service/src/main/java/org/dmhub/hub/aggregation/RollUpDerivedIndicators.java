package org.dmhub.hub.aggregation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.support.InternalSerde;

/**
 * Rolls up the indicators computed from two inputs per unit — RATIO (numerator, denominator) and WEIGHTED_AVERAGE
 * (value, weight) — from the unit values the consolidation forwards, keyed {@code target|period}.
 */
public final class RollUpDerivedIndicators implements ProcessorSupplier<String, UnitInputChange, String, SpecificRecord> {

    public static final String INPUTS_STORE = "derived-inputs";
    public static final String PENDING_STORE = "derived-rollups-pending";
    public static final String PUBLISHED_STORE = "derived-values-published";

    private final IndicatorPeriodRollups.Settings settings;

    public RollUpDerivedIndicators(IndicatorPeriodRollups.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(PendingRollups.store(PENDING_STORE, settings.storeKind()),
                IndicatorPeriodRollups.publishedStore(PUBLISHED_STORE, settings.storeKind()),
                Stores.keyValueStoreBuilder(settings.storeKind().supplier(INPUTS_STORE), Serdes.String(),
                        InternalSerde.of(UnitInputs.class)).withCachingDisabled());
    }

    @Override
    public Processor<String, UnitInputChange, String, SpecificRecord> get() {
        return new Processor<>() {
            private KeyValueStore<String, UnitInputs> inputs;
            private IndicatorPeriodRollups rollups;
            private PendingRollups pending;

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                inputs = context.getStateStore(INPUTS_STORE);
                rollups = new IndicatorPeriodRollups(context, PUBLISHED_STORE, settings);
                pending = new PendingRollups(context, PENDING_STORE, settings.emitInterval(), this::rollUp);
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
                settings.catalog().indicator(targetPeriod.substring(0, separator)).ifPresent(target ->
                        rollups.rollUp(target, targetPeriod.substring(separator + 1), unitInputs(targetPeriod), sentAt));
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
        };
    }
}
