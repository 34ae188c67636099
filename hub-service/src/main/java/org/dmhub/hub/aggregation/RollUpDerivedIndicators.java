package org.dmhub.hub.aggregation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.monitoring.HubMetrics;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Rolls up the indicators computed from two inputs per unit — RATIO (numerator, denominator) and WEIGHTED_AVERAGE
 * (value, weight) — from the unit values the consolidation forwards, keyed {@code target|period}.
 */
public final class RollUpDerivedIndicators implements ProcessorSupplier<String, UnitInputChange, String, SpecificRecord> {

    public static final String INPUTS_STORE = "derived-inputs";
    public static final String PENDING_STORE = "derived-rollups-pending";
    public static final String PUBLISHED_STORE = "derived-values-published";

    private final Catalog catalog;
    private final HubMetrics metrics;
    private final Duration emitInterval;
    private final StoreKind storeKind;
    private final int viewGeneration;

    public RollUpDerivedIndicators(Catalog catalog, HubMetrics metrics, Duration emitInterval, StoreKind storeKind,
            int viewGeneration) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.emitInterval = emitInterval;
        this.storeKind = storeKind;
        this.viewGeneration = viewGeneration;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(storeKind.supplier(INPUTS_STORE), Serdes.String(),
                        InternalSerde.of(UnitInputs.class)).withCachingDisabled(),
                Stores.keyValueStoreBuilder(storeKind.supplier(PENDING_STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(storeKind.supplier(PUBLISHED_STORE), Serdes.String(),
                        InternalSerde.of(PublishedValues.class)).withCachingDisabled());
    }

    @Override
    public Processor<String, UnitInputChange, String, SpecificRecord> get() {
        return new Processor<>() {
            private KeyValueStore<String, UnitInputs> inputs;
            private PendingRollups pending;
            private ValuePublisher publisher;
            private ProcessorContext<String, SpecificRecord> context;

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                this.context = context;
                inputs = context.getStateStore(INPUTS_STORE);
                pending = new PendingRollups(context.getStateStore(PENDING_STORE));
                publisher = new ValuePublisher(catalog, context.getStateStore(PUBLISHED_STORE), context, viewGeneration);
                context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> pending.drain(this::rollUp));
            }

            @Override
            public void process(Record<String, UnitInputChange> record) {
                UnitInputChange change = record.value();
                String unitKey = record.key() + RecordKeys.SEPARATOR + change.getUnit();
                UnitInputs current = inputs.get(unitKey);
                UnitInputs updated = current == null ? new UnitInputs(null, null) : UnitInputs.newBuilder(current).build();
                if (change.getCompanion()) {
                    updated.setCompanion(change.getValue());
                } else {
                    updated.setValue(change.getValue());
                }
                inputs.put(unitKey, updated);
                pending.mark(record.key(), context.currentSystemTimeMs());
            }

            private void rollUp(String targetPeriod) {
                int separator = targetPeriod.indexOf(RecordKeys.SEPARATOR);
                IndicatorDefinition target = catalog.indicator(targetPeriod.substring(0, separator)).orElse(null);
                if (target == null) {
                    return;
                }
                Map<String, UnitInput> unitInputs = new HashMap<>();
                String prefix = targetPeriod + RecordKeys.SEPARATOR;
                try (KeyValueIterator<String, UnitInputs> units = inputs.prefixScan(prefix, new StringSerializer())) {
                    units.forEachRemaining(unit -> unitInputs.put(unit.key.substring(prefix.length()),
                            new UnitInput(unit.value.getValue(), unit.value.getCompanion())));
                }
                int published = publisher.publish(target, targetPeriod.substring(separator + 1), unitInputs);
                metrics.published("view", published);
            }
        };
    }
}
