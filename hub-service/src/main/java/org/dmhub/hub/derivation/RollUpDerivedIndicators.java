package org.dmhub.hub.derivation;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.aggregation.UnitInputUpdates;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.KeptInputsProcessor;
import org.dmhub.hub.publication.KeptInputsStage;
import org.dmhub.hub.publication.RollupStageStores;

/**
 * Rolls up the indicators computed from two inputs per unit — RATIO (numerator, denominator) and WEIGHTED_AVERAGE
 * (value, weight) — from the unit values the consolidation forwards ({@link DerivedInputs}), keyed {@code target|period}.
 */
public final class RollUpDerivedIndicators extends KeptInputsStage<UnitInputChange, UnitInputs> {

    /** @param stores both inputs of every unit, keyed {@code target|period|area}; the target-periods pending; what was published */
    public RollUpDerivedIndicators(RollupStageStores<UnitInputs> stores, IndicatorPeriodRollups.Settings settings) {
        super(stores, settings);
    }

    @Override
    public Processor<String, UnitInputChange, String, SpecificRecord> get() {
        return new DerivedRollups();
    }

    private final class DerivedRollups extends KeptInputsProcessor<UnitInputChange, UnitInputs> {

        DerivedRollups() {
            super(stageStores(), RollUpDerivedIndicators.this.settings());
        }

        @Override
        public void process(Record<String, UnitInputChange> record) {
            UnitInputChange change = record.value();
            String unitKey = record.key() + RecordKeys.SEPARATOR + change.getUnit();
            inputs().put(unitKey, UnitInputUpdates.with(inputs().get(unitKey), change.getCompanion(), change.getValue()));
            owesRollup(record.key(), record.timestamp());
        }

        @Override
        protected void rollUp(String targetPeriod, long sentAt) {
            int separator = targetPeriod.indexOf(RecordKeys.SEPARATOR);
            CatalogSnapshot framework = settings().catalog().snapshot();
            framework.indicator(targetPeriod.substring(0, separator)).ifPresent(target ->
                    rollups().rollUp(framework, target, targetPeriod.substring(separator + 1), unitInputs(targetPeriod), sentAt));
        }

        private Map<String, UnitInput> unitInputs(String targetPeriod) {
            Map<String, UnitInput> unitInputs = new HashMap<>();
            String prefix = targetPeriod + RecordKeys.SEPARATOR;
            try (KeyValueIterator<String, UnitInputs> units = inputs().prefixScan(prefix, new StringSerializer())) {
                units.forEachRemaining(unit -> unitInputs.put(unit.key.substring(prefix.length()),
                        new UnitInput(unit.value.getValue(), unit.value.getCompanion())));
            }
            return unitInputs;
        }
    }
}
