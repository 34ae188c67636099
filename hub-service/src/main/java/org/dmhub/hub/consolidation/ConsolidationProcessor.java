package org.dmhub.hub.consolidation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.catalog.RollupStage;
import org.dmhub.hub.derivation.DerivedInputs;
import org.dmhub.hub.overtime.OverTimeInputs;
import org.dmhub.hub.overtime.PeriodInputsChange;
import org.dmhub.hub.publication.EmitCadence;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.receipts.Receipts;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.hub.support.RecordSource;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.hub.validation.RecordLimits;
import org.dmhub.hub.validation.Refusals;
import org.dmhub.hub.validation.ValidateObservations;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For each accepted observation: {@link Consolidation} decides whether it changes its unit's value; an applied
 * one is stored, its indicator-period marked as owing a roll-up ({@link PendingRollups}) and its value sent on to
 * the derived roll-ups it is an input of ({@link DerivedInputs}); every observation gets its receipt, and a
 * conflicting revision its refusal. At each emit ({@link EmitCadence}), each indicator-period owing a roll-up (through a backlog, each
 * that settled: {@link PendingRollups#drainSettled}) is read once
 * from the store to roll up the indicators of this stage ({@link RollupStage#CONSOLIDATION}), to send its units'
 * values to the roll-ups over time ({@link OverTimeInputs}) and to update the department's reporting status
 * ({@link ReportingTracker}).
 */
final class ConsolidationProcessor implements Processor<String, AcceptedObservation, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(ConsolidationProcessor.class);

    private final ConsolidateObservations.Stores stores;
    private final IndicatorPeriodRollups.Settings settings;
    private final ReportingTracker.Settings reporting;
    private final RecordLimits limits;
    private final Refusals refusals;
    private final ReceiptTopics receiptTopics;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ConsolidatedValue> consolidated;
    private PendingRollups pending;
    private IndicatorPeriodRollups rollups;
    private ReportingTracker reportingTracker;

    ConsolidationProcessor(ConsolidateObservations.Stores stores, IndicatorPeriodRollups.Settings settings,
            ReportingTracker.Settings reporting, RecordLimits limits, ReceiptTopics receiptTopics) {
        this.stores = stores;
        this.settings = settings;
        this.reporting = reporting;
        this.limits = limits;
        this.refusals = new Refusals(limits);
        this.receiptTopics = receiptTopics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        consolidated = stores.consolidated().in(context);
        pending = new PendingRollups(stores.pending().in(context));
        rollups = new IndicatorPeriodRollups(context, stores.published().in(context), settings);
        reportingTracker = new ReportingTracker(context, reporting, stores.reportingStatus().in(context),
                key -> ConsolidateObservations.receptions(units(key)));
        EmitCadence.schedule(context, settings, pending, this::unitsChanged, () -> { });
        context.schedule(reporting.checkInterval(), PunctuationType.WALL_CLOCK_TIME, reportingTracker::checkDeadlines);
    }

    @Override
    public void process(Record<String, AcceptedObservation> record) {
        AcceptedObservation observation = record.value();
        try {
            consolidate(record, observation);
        } catch (RuntimeException failure) {
            // a record must never stop the hub, not even one that trips over a fault of ours
            log.error("consolidation failed on {}-{}@{}; the observation is refused as PROCESSING_FAILED",
                    observation.getSourceTopic(), observation.getSourcePartition(), observation.getSourceOffset(), failure);
            refuse(record, observation, new Violation(RejectionReason.PROCESSING_FAILED, "value",
                    "the hub failed on this observation: " + failure));
        }
    }

    private void consolidate(Record<String, AcceptedObservation> record, AcceptedObservation observation) {
        String unitKey = record.key() + RecordKeys.SEPARATOR + observation.getArea();
        Consolidation.Outcome outcome = Consolidation.apply(consolidated.get(unitKey), observation, record.timestamp(),
                limits.appliedEventsKept());
        long winning = outcome.value().getRevision();
        switch (outcome.effect()) {
            case APPLIED -> {
                consolidated.put(unitKey, outcome.value());
                pending.mark(record.key(), record.timestamp());
                for (KeyValue<String, UnitInputChange> input : DerivedInputs.changed(settings.catalog().snapshot(),
                        observation.getIndicator(), observation.getArea(), observation.getPeriod(), outcome.value().getValue())) {
                    context.forward(record.withKey(input.key).withValue(input.value));
                }
                receipt(record, observation, ReceiptOutcome.ACCEPTED, winning, null);
            }
            case DUPLICATE -> {
                settings.metrics().duplicate(observation.getDepartment());
                receipt(record, observation, ReceiptOutcome.DUPLICATE, winning,
                        "already applied: this event, or the same content at the same revision, changed nothing");
            }
            case STALE -> {
                settings.metrics().stale(observation.getDepartment());
                receipt(record, observation, ReceiptOutcome.STALE, winning, "revision " + observation.getRevision()
                        + " is lower than revision " + winning + ", which stays; send a correction with a higher revision");
            }
            case REVISION_CONFLICT -> refuse(record, observation, new Violation(RejectionReason.REVISION_CONFLICT, "revision",
                    "revision " + observation.getRevision() + " of " + valueKey(observation)
                            + " was already received with another value; send a correction with a higher revision"));
        }
    }

    /** At each emit for each indicator-period whose units changed: its view and its reporting status. */
    private void unitsChanged(String indicatorPeriod, long sentAt) {
        int separator = indicatorPeriod.indexOf(RecordKeys.SEPARATOR);
        String period = indicatorPeriod.substring(separator + 1);
        CatalogSnapshot framework = settings.catalog().snapshot();
        framework.indicator(indicatorPeriod.substring(0, separator)).ifPresent(indicator -> {
            Map<String, ConsolidatedValue> units = units(indicatorPeriod);
            forwardOverTime(framework, indicator, period, units, sentAt);
            if (rolledUpHere(indicator)) {
                Map<String, UnitInput> inputs = new HashMap<>(units.size() * 2);
                units.forEach((area, unit) -> inputs.put(area, UnitInput.of(unit.getValue())));
                rollups.rollUp(framework, indicator, period, inputs, sentAt);
            }
            reportingTracker.update(indicator, period, ConsolidateObservations.receptions(units));
        });
    }

    /** Every unit's value of the indicator-period, to the roll-ups over the spans holding it (one record, not one per unit). */
    private void forwardOverTime(CatalogSnapshot framework, IndicatorDefinition indicator, String period,
            Map<String, ConsolidatedValue> units, long sentAt) {
        Map<String, BigDecimal> values = new HashMap<>(units.size() * 2);
        units.forEach((area, unit) -> values.put(area, unit.getValue()));
        for (KeyValue<String, PeriodInputsChange> change : OverTimeInputs.changed(framework, indicator, period, values)) {
            context.forward(new Record<>(change.key, change.value, sentAt));
        }
    }

    private static boolean rolledUpHere(IndicatorDefinition indicator) {
        return indicator.getActive() && RollupStage.of(indicator) == RollupStage.CONSOLIDATION;
    }

    private void receipt(Record<String, AcceptedObservation> record, AcceptedObservation observation, ReceiptOutcome outcome,
            long winningRevision, String detail) {
        if (receiptTopics.ready(observation.getDepartment())) {
            String key = valueKey(observation);
            context.forward(record.withKey(key).withValue(Receipts.decided(outcome, source(observation),
                    observation.getEventId(), key, observation.getRevision(), winningRevision, detail)));
        }
    }

    private void refuse(Record<String, AcceptedObservation> record, AcceptedObservation observation, Violation violation) {
        settings.metrics().rejected(observation.getDepartment(), List.of(violation.reason()));
        String key = valueKey(observation);
        ObservationRejected refusal = refusals.of(source(observation), observation.getDepartment(),
                ValidateObservations.original(observation), null, List.of(violation));
        context.forward(record.withKey(key).withValue(refusal));
        if (receiptTopics.ready(observation.getDepartment())) {
            context.forward(record.withKey(key).withValue(Receipts.rejected(refusal, observation.getEventId(), key,
                    observation.getRevision())));
        }
    }

    /** The consolidated value of every unit of an indicator-period, by area. */
    private Map<String, ConsolidatedValue> units(String indicatorPeriod) {
        Map<String, ConsolidatedValue> units = new HashMap<>();
        String prefix = indicatorPeriod + RecordKeys.SEPARATOR;
        try (KeyValueIterator<String, ConsolidatedValue> range = consolidated.prefixScan(prefix, new StringSerializer())) {
            range.forEachRemaining(unit -> units.put(unit.key.substring(prefix.length()), unit.value));
        }
        return units;
    }

    private static String valueKey(AcceptedObservation observation) {
        return RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod());
    }

    private static RecordSource source(AcceptedObservation observation) {
        return new RecordSource(observation.getSourceTopic(), observation.getSourcePartition(), observation.getSourceOffset());
    }
}
