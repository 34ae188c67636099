package org.dmhub.hub.overtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.KeptInputsProcessor;
import org.dmhub.hub.publication.KeptInputsStage;
import org.dmhub.hub.publication.RollupStageStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Rolls indicators up over time: each unit's values for the periods of a span (the months of a quarter, half-year
 * or year) by the indicator's {@code overTime} rule, then up the area tree ({@link SpanRollup}), published as
 * the span's values ({@code NS-01|74|2026-Q1}, marked rolled up over time). Its input is keyed
 * {@code indicator|year} ({@link OverTimeInputs}); a change of a month marks its quarter, half-year and year as
 * owing a roll-up, so that corrections and retractions reach every span that holds them.
 */
public final class RollUpOverTime extends KeptInputsStage<PeriodInputsChange, PeriodInputs> {

    /**
     * @param stores every unit's value (or both inputs of a RATIO or WEIGHTED_AVERAGE) of each period, keyed
     *     {@code indicator|year|period}; the indicator-spans pending; what was published of each {@code indicator|span}
     */
    public RollUpOverTime(RollupStageStores<PeriodInputs> stores, IndicatorPeriodRollups.Settings settings) {
        super(stores, settings);
    }

    @Override
    public Processor<String, PeriodInputsChange, String, SpecificRecord> get() {
        return new OverTimeRollups();
    }

    private final class OverTimeRollups extends KeptInputsProcessor<PeriodInputsChange, PeriodInputs> {

        /**
         * The periods' inputs read during one emit: a month's change owes its quarter, half-year and year a roll-up,
         * which read that month (and the year's others) each, so each is decoded once per emit rather than once per span
         */
        private final Map<String, PeriodInputs> readThisEmit = new HashMap<>();

        OverTimeRollups() {
            super(stageStores(), RollUpOverTime.this.settings());
        }

        @Override
        public void process(Record<String, PeriodInputsChange> record) {
            PeriodInputsChange change = record.value();
            Optional<Period> period = Period.parse(change.getPeriod());
            int separator = record.key().indexOf(RecordKeys.SEPARATOR);
            if (period.isEmpty() || separator < 0) {
                return; // the consolidation forwards parsed periods only: nothing else is written to this topic
            }
            String periodKey = record.key() + RecordKeys.SEPARATOR + change.getPeriod();
            inputs().put(periodKey, SpanRollup.withChange(inputs().get(periodKey), change));
            String indicator = record.key().substring(0, separator);
            for (Period span : period.get().spans()) {
                owesRollup(indicator + RecordKeys.SEPARATOR + span, record.timestamp());
            }
        }

        @Override
        protected void rollUp(String indicatorSpan, long sentAt) {
            int separator = indicatorSpan.indexOf(RecordKeys.SEPARATOR);
            Optional<Period> span = Period.parse(indicatorSpan.substring(separator + 1));
            CatalogSnapshot framework = settings().catalog().snapshot();
            framework.indicator(indicatorSpan.substring(0, separator)).filter(IndicatorDefinition::getActive)
                    .filter(indicator -> span.isPresent() && span.get().periodicity().compareTo(indicator.getPeriodicity()) > 0)
                    .ifPresent(indicator -> rollups().publishOverTime(framework, indicator, span.get().toString(),
                            SpanRollup.of(framework, indicator, span.get().periodsOf(indicator.getPeriodicity()), this::readOnce),
                            sentAt));
        }

        private PeriodInputs readOnce(String periodKey) {
            // computeIfAbsent keeps no null: a period without inputs is read again, which costs a lookup, not a decoding
            return readThisEmit.computeIfAbsent(periodKey, key -> inputs().get(key));
        }

        @Override
        protected void rolledUp() {
            readThisEmit.clear();
        }
    }
}
