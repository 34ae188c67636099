package org.dmhub.hub.overtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.reconciliation.ReconciliationInputs;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Rolls indicators up over time: each unit's values for the periods of a span (the months of a quarter, half-year
 * or year) by the indicator's {@code overTime} rule, then up the area tree ({@link SpanRollup}), published as
 * the span's values ({@code NS-01|74|2026-Q1}, marked rolled up over time). Its input is keyed
 * {@code indicator|year} ({@link OverTimeInputs}); a change of a month marks its quarter, half-year and year as
 * owing a roll-up, so that corrections and retractions reach every span that holds them.
 */
public final class RollUpOverTime implements ProcessorSupplier<String, PeriodInputChange, String, SpecificRecord> {

    /**
     * @param inputs each unit's value (or both inputs of a RATIO or WEIGHTED_AVERAGE) per period, keyed
     *     {@code indicator|year|period|unit}
     * @param pending the indicator-spans whose inputs changed since they were last rolled up
     * @param published what was last published of each {@code indicator|span}
     */
    public record Stores(StoreDefinition<UnitInputs> inputs, StoreDefinition<Long> pending, StoreDefinition<PublishedValues> published) {
    }

    public static final List<StageOutput<?>> OUTPUTS = List.of(ValuePublisher.VIEW_VALUES, ValuePublisher.NATIONAL_AGGREGATES,
            ReconciliationInputs.OUTPUT);

    private final Stores stores;
    private final IndicatorPeriodRollups.Settings settings;

    public RollUpOverTime(Stores stores, IndicatorPeriodRollups.Settings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.inputs().builder(), stores.pending().builder(), stores.published().builder());
    }

    @Override
    public Processor<String, PeriodInputChange, String, SpecificRecord> get() {
        return new OverTimeRollups();
    }

    private final class OverTimeRollups implements Processor<String, PeriodInputChange, String, SpecificRecord> {
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
        public void process(Record<String, PeriodInputChange> record) {
            PeriodInputChange change = record.value();
            Optional<Period> period = Period.parse(change.getPeriod());
            int separator = record.key().indexOf(RecordKeys.SEPARATOR);
            if (period.isEmpty() || separator < 0) {
                return; // the consolidation forwards parsed periods only: nothing else is written to this topic
            }
            String unitKey = record.key() + RecordKeys.SEPARATOR + change.getPeriod() + RecordKeys.SEPARATOR + change.getUnit();
            UnitInputs current = inputs.get(unitKey);
            UnitInputs updated = current == null ? new UnitInputs(null, null) : new UnitInputs(current.getValue(), current.getCompanion());
            if (change.getCompanion()) {
                updated.setCompanion(change.getValue());
            } else {
                updated.setValue(change.getValue());
            }
            inputs.put(unitKey, updated);
            String indicator = record.key().substring(0, separator);
            for (Period span : period.get().spans()) {
                pending.mark(indicator + RecordKeys.SEPARATOR + span, record.timestamp());
            }
        }

        private void rollUp(String indicatorSpan, long sentAt) {
            int separator = indicatorSpan.indexOf(RecordKeys.SEPARATOR);
            Optional<Period> span = Period.parse(indicatorSpan.substring(separator + 1));
            CatalogSnapshot framework = settings.catalog().snapshot();
            framework.indicator(indicatorSpan.substring(0, separator)).filter(IndicatorDefinition::getActive)
                    .filter(indicator -> span.isPresent() && span.get().periodicity().compareTo(indicator.getPeriodicity()) > 0)
                    .ifPresent(indicator -> rollups.publishOverTime(framework, indicator, span.get().toString(),
                            SpanRollup.of(framework, indicator, span.get().periodsOf(indicator.getPeriodicity()), inputs), sentAt));
        }
    }
}
