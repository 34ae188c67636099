package org.dmhub.hub.overtime;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.TemporalRollup;
import org.dmhub.hub.aggregation.UnitInput;
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
 * or year) by the indicator's {@code overTime} rule, then up the area tree ({@link TemporalRollup}), published as
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

    /**
     * Each unit's inputs for the periods of {@code span} of the indicator's periodicity, read from the stage's inputs
     * store: a range of keys, the periods of one periodicity sorting as they follow each other.
     */
    public static Map<String, NavigableMap<Period, UnitInput>> inputsOver(ReadOnlyKeyValueStore<String, UnitInputs> inputs,
            String indicator, Period span, List<Period> periods) {
        Map<String, NavigableMap<Period, UnitInput>> byUnit = new HashMap<>();
        if (periods.isEmpty()) {
            return byUnit;
        }
        String year = indicator + RecordKeys.SEPARATOR + span.firstDay().getYear() + RecordKeys.SEPARATOR;
        Period first = periods.get(0);
        String from = year + first + RecordKeys.SEPARATOR;
        String to = year + periods.get(periods.size() - 1) + RecordKeys.SEPARATOR + '\uffff';
        try (KeyValueIterator<String, UnitInputs> range = inputs.range(from, to)) {
            range.forEachRemaining(entry -> {
                String periodAndUnit = entry.key.substring(year.length());
                int separator = periodAndUnit.indexOf(RecordKeys.SEPARATOR);
                Optional<Period> period = Period.parse(periodAndUnit.substring(0, separator));
                if (period.isPresent() && period.get().periodicity() == first.periodicity() && period.get().isWithin(span)) {
                    byUnit.computeIfAbsent(periodAndUnit.substring(separator + 1), any -> new TreeMap<>())
                            .put(period.get(), new UnitInput(entry.value.getValue(), entry.value.getCompanion()));
                }
            });
        }
        return byUnit;
    }

    /** Rolls an indicator up over a span from the given inputs store: the stage's rule, also for the API's year-to-date. */
    public static Map<String, AreaResult> rollUp(CatalogSnapshot framework, IndicatorDefinition indicator, Period span,
            ReadOnlyKeyValueStore<String, UnitInputs> inputs) {
        String unitLevel = framework.unitLevel(indicator).orElse(null);
        if (unitLevel == null || span.periodicity().ordinal() <= indicator.getPeriodicity().ordinal()) {
            return Map.of();
        }
        List<Period> periods = span.periodsOf(indicator.getPeriodicity());
        BigDecimal factor = indicator.getFactor() == null ? BigDecimal.ONE : indicator.getFactor();
        return TemporalRollup.compute(indicator.getAggregation(), TemporalRollup.overTimeOf(indicator), factor,
                framework.areaTree(), unitLevel, periods.size(), inputsOver(inputs, indicator.getCode(), span, periods));
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
                    .ifPresent(indicator -> span.ifPresent(over -> rollups.publishOverTime(framework, indicator, over.toString(),
                            RollUpOverTime.rollUp(framework, indicator, over, inputs), sentAt)));
        }
    }
}
