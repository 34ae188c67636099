package org.dmhub.hub.consolidation;

import java.util.HashMap;
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
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.Catalog.Dependent;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.receipts.Receipts;
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
 * Consolidates accepted observations, keyed {@code indicator|period} so that one task holds every area of an
 * indicator and period. Once per emit interval, each indicator-period whose units changed is read once from the
 * consolidated store to roll up the indicators aggregated on their own values and to update the department's
 * reporting status. Values that feed a RATIO or WEIGHTED_AVERAGE are forwarded as {@link UnitInputChange}s keyed
 * {@code target|period}.
 */
public final class ConsolidateObservations implements ProcessorSupplier<String, AcceptedObservation, String, SpecificRecord> {

    public static final String CONSOLIDATED_STORE = "consolidated";
    public static final String PENDING_STORE = "rollups-pending";
    public static final String PUBLISHED_STORE = "values-published";

    private static final Logger log = LoggerFactory.getLogger(ConsolidateObservations.class);

    private final IndicatorPeriodRollups.Settings settings;
    private final ReportingTracker.Settings reporting;
    private final RecordLimits limits;
    private final ReceiptTopics receiptTopics;

    public ConsolidateObservations(IndicatorPeriodRollups.Settings settings, ReportingTracker.Settings reporting,
            RecordLimits limits, ReceiptTopics receiptTopics) {
        this.settings = settings;
        this.reporting = reporting;
        this.limits = limits;
        this.receiptTopics = receiptTopics;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(PendingRollups.store(PENDING_STORE, settings.storeKind()),
                IndicatorPeriodRollups.publishedStore(PUBLISHED_STORE, settings.storeKind()),
                ReportingTracker.statusStore(settings.storeKind()),
                // one write per observation to a key of its own: a record cache would only add work
                Stores.keyValueStoreBuilder(settings.storeKind().supplier(CONSOLIDATED_STORE), Serdes.String(),
                        InternalSerde.of(ConsolidatedValue.class, "ConsolidatedValue-1.avsc")).withCachingDisabled());
    }

    @Override
    public Processor<String, AcceptedObservation, String, SpecificRecord> get() {
        Catalog catalog = settings.catalog();
        Refusals refusals = new Refusals(limits);
        return new Processor<>() {
            private ProcessorContext<String, SpecificRecord> context;
            private KeyValueStore<String, ConsolidatedValue> consolidated;
            private PendingRollups pending;
            private IndicatorPeriodRollups rollups;
            private ReportingTracker reportingTracker;

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                this.context = context;
                consolidated = context.getStateStore(CONSOLIDATED_STORE);
                rollups = new IndicatorPeriodRollups(context, PUBLISHED_STORE, settings);
                reportingTracker = new ReportingTracker(context, reporting, key -> receptions(units(key)));
                pending = new PendingRollups(context, PENDING_STORE, settings.emitInterval(), this::unitsChanged);
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
                        forwardToDerivedIndicators(record, observation, outcome.value());
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

            private void receipt(Record<String, AcceptedObservation> record, AcceptedObservation observation, ReceiptOutcome outcome,
                    long winningRevision, String detail) {
                if (receiptTopics.ready(observation.getDepartment())) {
                    String key = valueKey(observation);
                    context.forward(record.withKey(key).withValue(Receipts.decided(outcome, source(observation),
                            observation.getEventId(), key, observation.getRevision(), winningRevision, detail)));
                }
            }

            /** The RATIO and WEIGHTED_AVERAGE indicators this value is an input of, rolled up in the next stage. */
            private void forwardToDerivedIndicators(Record<String, AcceptedObservation> record, AcceptedObservation observation,
                    ConsolidatedValue value) {
                for (Dependent dependent : catalog.dependentsOf(observation.getIndicator())) {
                    boolean rolledUpHere = dependent.target().equals(observation.getIndicator())
                            && catalog.indicator(dependent.target()).map(this::rolledUpHere).orElse(false);
                    if (!rolledUpHere) {
                        String targetKey = dependent.target() + RecordKeys.SEPARATOR + observation.getPeriod();
                        context.forward(record.withKey(targetKey).withValue(
                                new UnitInputChange(observation.getArea(), dependent.companion(), value.getValue())));
                    }
                }
            }

            /** Once per emit interval for each indicator-period whose units changed: its view and its reporting status. */
            private void unitsChanged(String indicatorPeriod, long sentAt) {
                int separator = indicatorPeriod.indexOf(RecordKeys.SEPARATOR);
                String period = indicatorPeriod.substring(separator + 1);
                catalog.indicator(indicatorPeriod.substring(0, separator)).ifPresent(indicator -> {
                    Map<String, ConsolidatedValue> units = units(indicatorPeriod);
                    if (rolledUpHere(indicator)) {
                        Map<String, UnitInput> inputs = new HashMap<>(units.size() * 2);
                        units.forEach((area, unit) -> inputs.put(area, UnitInput.of(unit.getValue())));
                        rollups.rollUp(indicator, period, inputs, sentAt);
                    }
                    reportingTracker.update(indicator, period, receptions(units));
                });
            }

            private boolean rolledUpHere(IndicatorDefinition indicator) {
                return indicator.getActive() && Catalog.rolledUpFromOwnValues(indicator);
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
        };
    }

    private static String valueKey(AcceptedObservation observation) {
        return RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod());
    }

    private static Refusals.Source source(AcceptedObservation observation) {
        return new Refusals.Source(observation.getSourceTopic(), observation.getSourcePartition(), observation.getSourceOffset());
    }

    /**
     * When each unit that currently has a value first reported it. A value kept by a hub older than that record
     * counts as reported at the epoch, that is on time.
     */
    static Map<String, Long> receptions(Map<String, ConsolidatedValue> units) {
        Map<String, Long> receptions = new HashMap<>(units.size() * 2);
        units.forEach((area, unit) -> {
            if (!unit.getRetracted()) {
                receptions.put(area, unit.getReportedAt() == null ? 0L : unit.getReportedAt());
            }
        });
        return receptions;
    }
}
