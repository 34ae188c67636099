package org.dmhub.hub.consolidation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.hub.derivation.DerivedInputs;
import org.dmhub.hub.overtime.OverTimeInputs;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.receipts.Receipts;
import org.dmhub.hub.reconciliation.ReconciliationInputs;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.hub.validation.RecordLimits;
import org.dmhub.hub.validation.Refusals;
import org.dmhub.schemas.ReportingStatus;

/**
 * The consolidation stage: accepted observations keyed {@code indicator|period}, so that one task holds every area
 * of an indicator and period ({@link ConsolidationProcessor} says what it does with each). What it forwards, by
 * output: each observation's receipt, the view's values and national aggregates of the indicators rolled up from
 * their own values, the inputs of roll-ups over time and of derived roll-ups, reporting statuses, refusals of
 * conflicting revisions, and the values that are sides of statistical links.
 */
public final class ConsolidateObservations implements ProcessorSupplier<String, AcceptedObservation, String, SpecificRecord> {

    /**
     * @param consolidated the latest revision of every {@code indicator|period|area}
     * @param pending the indicator-periods whose units changed since they were last rolled up
     * @param published what was last published of each indicator-period rolled up here
     * @param reportingStatus the last reporting status published of each indicator-period
     */
    public record Stores(StoreDefinition<ConsolidatedValue> consolidated, StoreDefinition<Long> pending,
            StoreDefinition<PublishedValues> published, StoreDefinition<ReportingStatus> reportingStatus) {
    }

    /** Most frequent first: a receipt per observation, values at most once per emit, refusals seldom. */
    public static final List<StageOutput<?>> OUTPUTS = List.of(Receipts.OUTPUT, ValuePublisher.VIEW_VALUES, OverTimeInputs.OUTPUT,
            DerivedInputs.OUTPUT, ReportingTracker.STATUSES, Refusals.OUTPUT, ValuePublisher.NATIONAL_AGGREGATES,
            ReconciliationInputs.OUTPUT);

    private final Stores stores;
    private final IndicatorPeriodRollups.Settings rollups;
    private final ReportingTracker.Settings reporting;
    private final RecordLimits limits;
    private final ReceiptTopics receiptTopics;

    public ConsolidateObservations(Stores stores, IndicatorPeriodRollups.Settings rollups, ReportingTracker.Settings reporting,
            RecordLimits limits, ReceiptTopics receiptTopics) {
        this.stores = stores;
        this.rollups = rollups;
        this.reporting = reporting;
        this.limits = limits;
        this.receiptTopics = receiptTopics;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.consolidated().builder(), stores.pending().builder(), stores.published().builder(),
                stores.reportingStatus().builder());
    }

    @Override
    public Processor<String, AcceptedObservation, String, SpecificRecord> get() {
        return new ConsolidationProcessor(stores, rollups, reporting, limits, receiptTopics);
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
