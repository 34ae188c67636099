package org.dmhub.hub.consolidation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
import org.dmhub.hub.aggregation.IndicatorPeriodRollups;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.Catalog.Dependent;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.hub.validation.ValidateObservations;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.Violation;

/**
 * Consolidates accepted observations, keyed {@code indicator|period} so that one task holds every area of an
 * indicator and period, and rolls up the indicators aggregated on their own values. Values that feed a RATIO or
 * WEIGHTED_AVERAGE are forwarded as {@link UnitInputChange}s keyed {@code target|period}.
 */
public final class ConsolidateObservations implements ProcessorSupplier<String, AcceptedObservation, String, SpecificRecord> {

    public static final String CONSOLIDATED_STORE = "consolidated";
    public static final String PENDING_STORE = "rollups-pending";
    public static final String PUBLISHED_STORE = "values-published";

    private final IndicatorPeriodRollups.Settings settings;

    public ConsolidateObservations(IndicatorPeriodRollups.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        Set<StoreBuilder<?>> stores = new HashSet<>(IndicatorPeriodRollups.stores(PENDING_STORE, PUBLISHED_STORE, settings.storeKind()));
        // one write per observation to a key of its own: a record cache would only add work
        stores.add(Stores.keyValueStoreBuilder(settings.storeKind().supplier(CONSOLIDATED_STORE), Serdes.String(),
                InternalSerde.of(ConsolidatedValue.class)).withCachingDisabled());
        return stores;
    }

    @Override
    public Processor<String, AcceptedObservation, String, SpecificRecord> get() {
        Catalog catalog = settings.catalog();
        return new Processor<>() {
            private ProcessorContext<String, SpecificRecord> context;
            private KeyValueStore<String, ConsolidatedValue> consolidated;
            private IndicatorPeriodRollups rollups;

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                this.context = context;
                consolidated = context.getStateStore(CONSOLIDATED_STORE);
                rollups = new IndicatorPeriodRollups(context, PENDING_STORE, PUBLISHED_STORE, settings, this::unitValues);
            }

            @Override
            public void process(Record<String, AcceptedObservation> record) {
                AcceptedObservation observation = record.value();
                String unitKey = record.key() + RecordKeys.SEPARATOR + observation.getArea();
                Consolidation.Outcome outcome = Consolidation.apply(consolidated.get(unitKey), observation);
                switch (outcome.effect()) {
                    case APPLIED -> {
                        consolidated.put(unitKey, outcome.value());
                        feedRollups(record, observation, outcome.value());
                    }
                    case DUPLICATE -> settings.metrics().duplicate(observation.getDepartment());
                    case STALE -> settings.metrics().stale(observation.getDepartment());
                    case REVISION_CONFLICT -> refuseConflict(record, observation);
                }
            }

            private void feedRollups(Record<String, AcceptedObservation> record, AcceptedObservation observation,
                    ConsolidatedValue value) {
                for (Dependent dependent : catalog.dependentsOf(observation.getIndicator())) {
                    boolean ownValue = dependent.target().equals(observation.getIndicator())
                            && catalog.indicator(dependent.target()).map(Catalog::rolledUpFromOwnValues)
                                    .orElse(false);
                    if (ownValue) {
                        rollups.markChanged(record.key(), record.timestamp());
                    } else {
                        String targetKey = dependent.target() + RecordKeys.SEPARATOR + observation.getPeriod();
                        context.forward(record.withKey(targetKey).withValue(
                                new UnitInputChange(observation.getArea(), dependent.companion(), value.getValue())));
                    }
                }
            }

            private void refuseConflict(Record<String, AcceptedObservation> record, AcceptedObservation observation) {
                String key = RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod());
                Violation conflict = new Violation(RejectionReason.REVISION_CONFLICT, "revision", "revision "
                        + observation.getRevision() + " of " + key
                        + " was already received with another value; send a correction with a higher revision");
                settings.metrics().rejected(observation.getDepartment(), List.of(RejectionReason.REVISION_CONFLICT));
                context.forward(record.withKey(key).withValue(ValidateObservations.Rejections.of(observation.getSourceTopic(),
                        observation.getSourcePartition(), observation.getSourceOffset(), observation.getDepartment(),
                        ValidateObservations.original(observation), null, List.of(conflict))));
            }

            private Map<String, UnitInput> unitValues(String indicatorPeriod) {
                Map<String, UnitInput> inputs = new HashMap<>();
                String prefix = indicatorPeriod + RecordKeys.SEPARATOR;
                try (KeyValueIterator<String, ConsolidatedValue> units = consolidated.prefixScan(prefix, new StringSerializer())) {
                    units.forEachRemaining(unit -> inputs.put(unit.key.substring(prefix.length()), UnitInput.of(unit.value.getValue())));
                }
                return inputs;
            }
        };
    }
}
