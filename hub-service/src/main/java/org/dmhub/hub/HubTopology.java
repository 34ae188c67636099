package org.dmhub.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.avro.specific.SpecificRecord;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogTables;
import org.dmhub.hub.consolidation.ConsolidateObservations;
import org.dmhub.hub.derivation.DerivedInputs;
import org.dmhub.hub.derivation.RollUpDerivedIndicators;
import org.dmhub.hub.monitoring.RecentRejections;
import org.dmhub.hub.overtime.OverTimeInputs;
import org.dmhub.hub.overtime.PeriodInputsChange;
import org.dmhub.hub.overtime.RollUpOverTime;
import org.dmhub.hub.publication.IndicatorPeriodRollups;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.receipts.Receipts;
import org.dmhub.hub.reconciliation.ReconcileIndicators;
import org.dmhub.hub.reconciliation.ReconciliationInput;
import org.dmhub.hub.reconciliation.ReconciliationInputs;
import org.dmhub.hub.reporting.ReportingStatuses;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StageOutputs;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.hub.validation.RecordLimits;
import org.dmhub.hub.validation.Refusals;
import org.dmhub.hub.validation.ValidateObservations;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ObservationRejected;

/**
 * The hub's stream processing, in the order the data travels:
 * department topics → validate → consolidate (per indicator and period) → roll up (over areas, then over time) → view
 * and national topics → reconcile operating with statistical indicators → reconciliation topic.
 * docs/architecture.md maps every node, topic and store of it.
 */
public final class HubTopology {

    /** The hub's own topic between validation and consolidation (Kafka Streams prefixes the application id). */
    public static final String BY_INDICATOR_PERIOD = "by-indicator-period";
    /** The hub's own topic between consolidation and the roll-up over time. */
    public static final String BY_INDICATOR_YEAR = "by-indicator-year";

    private final Topics topics;
    private final RegistrySerdes serdes;
    private final Catalog catalog;
    private final HubMetrics metrics;
    private final HubStores stores;
    private final HubProperties.Rollup rollup;
    private final HubProperties.Reporting reporting;
    private final HubProperties.Reconciliation reconciliation;
    private final ReportingStatuses reportingStatuses;
    private final RecordLimits limits;
    private final ReceiptTopics receiptTopics;
    private final int partitions;

    /**
     * @param receiptTopics which departments' receipts topics exist (a receipt to a missing topic would hold up its task)
     * @param partitions of the hub's repartition topics: fixed, so that the hub starts before any department topic
     *     exists and whatever partitions department topics have
     */
    public HubTopology(Topics topics, RegistrySerdes serdes, Catalog catalog, HubMetrics metrics, HubStores stores,
            HubProperties.Rollup rollup, HubProperties.Reporting reporting, HubProperties.Reconciliation reconciliation,
            ReportingStatuses reportingStatuses, HubProperties.Limits limits, ReceiptTopics receiptTopics, int partitions) {
        this.topics = topics;
        this.serdes = serdes;
        this.catalog = catalog;
        this.metrics = metrics;
        this.stores = stores;
        this.rollup = rollup;
        this.reporting = reporting;
        this.reconciliation = reconciliation;
        this.reportingStatuses = reportingStatuses;
        this.limits = new RecordLimits(limits);
        this.receiptTopics = receiptTopics;
        this.partitions = partitions;
    }

    public void addTo(StreamsBuilder builder) {
        // the framework, replicated in full on every instance
        new CatalogTables(topics, serdes, catalog, metrics, stores.catalog()).addTo(builder);

        // every department topic, including those of departments added later; bytes, so that bad records cannot stop us
        KStream<byte[], byte[]> received = builder.stream(topics.observationTopicPattern(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-observations"));

        // validate against the hub's limits and the framework: refusals to the rejected topic and to the sender's
        // receipts, the rest keyed indicator|period
        StageOutputs validated = StageOutputs.split(received.process(new ValidateObservations(topics,
                serdes.valueSerde(IndicatorObservation.class).deserializer(), catalog, metrics, limits, receiptTopics),
                Named.as("validate")), "validate", ValidateObservations.OUTPUTS);
        KStream<String, ObservationRejected> refusedAtValidation = validated.of(Refusals.OUTPUT);
        publishRefusals(refusedAtValidation, "validate");
        publishReceipts(validated.of(Receipts.OUTPUT), "validate");

        // consolidate the latest revision per indicator|area|period, in the task that holds every area of an
        // indicator-period; roll up the indicators aggregated from their own values, and judge who has reported
        // against the reporting calendar
        KStream<String, AcceptedObservation> byIndicatorPeriod = validated.of(ValidateObservations.ACCEPTED)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(AcceptedObservation.class))
                        .withName(BY_INDICATOR_PERIOD).withNumberOfPartitions(partitions));
        StageOutputs consolidated = StageOutputs.split(byIndicatorPeriod.process(new ConsolidateObservations(
                stores.consolidation(), rollupSettings(), reportingSettings(), limits, receiptTopics), Named.as("consolidate")),
                "consolidate", ConsolidateObservations.OUTPUTS);
        KStream<String, ObservationRejected> refusedAtConsolidation = consolidated.of(Refusals.OUTPUT);
        publishRefusals(refusedAtConsolidation, "consolidate");
        publishReceipts(consolidated.of(Receipts.OUTPUT), "consolidate");
        publishValues(consolidated, "consolidate");
        consolidated.of(ReportingTracker.STATUSES).to(topics.reportingStatus().name(),
                produced(topics.reportingStatus(), "consolidate-write-reporting-statuses"));

        // roll up RATIO and WEIGHTED_AVERAGE indicators, whose inputs come from two indicators, keyed target|period
        KStream<String, UnitInputChange> derivedInputs = consolidated.of(DerivedInputs.OUTPUT)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(UnitInputChange.class))
                        .withName("by-derived-indicator-period").withNumberOfPartitions(partitions));
        StageOutputs derived = StageOutputs.split(derivedInputs.process(new RollUpDerivedIndicators(stores.derivation(),
                rollupSettings()), Named.as("roll-up-derived")), "roll-up-derived", ValuePublisher.OUTPUTS);
        publishValues(derived, "roll-up-derived");

        // the focal point's feed of the latest refusals: each stage's refusals through a topic of the hub's own
        // partitioning first, so that neither the feed's store nor a merge ties the stages' sub-topologies together
        // (or to the department topics' partitions)
        feed(refusedAtValidation, "validation-")
                .merge(feed(refusedAtConsolidation, "consolidation-"), Named.as("all-rejections"))
                .process(new RecentRejections(stores.recentRejections()), Named.as("keep-recent-rejections"));

        // roll up over quarters, half-years and years, per reporting unit then up the area tree, keyed indicator|year
        // (after the stages above, so that adding it left their sub-topologies' numbers, and so their tasks, as they were)
        KStream<String, PeriodInputsChange> overTimeInputs = consolidated.of(OverTimeInputs.OUTPUT)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(PeriodInputsChange.class))
                        .withName(BY_INDICATOR_YEAR).withNumberOfPartitions(partitions));
        StageOutputs overTime = StageOutputs.split(overTimeInputs.process(new RollUpOverTime(stores.overTime(), rollupSettings()),
                Named.as("roll-up-over-time")), "roll-up-over-time", ValuePublisher.OUTPUTS);
        publishValues(overTime, "roll-up-over-time");

        // compare each operating indicator with its statistical one, per area and statistical period: the values of
        // both sides that each roll-up published, keyed operating|statistical|area|period
        KStream<String, ReconciliationInput> linkSides = reconciliationInputs(consolidated, "consolidation-")
                .merge(reconciliationInputs(derived, "derivation-"), Named.as("derived-reconciliation-inputs"))
                .merge(reconciliationInputs(overTime, "over-time-"), Named.as("all-reconciliation-inputs"));
        StageOutputs.split(linkSides.process(new ReconcileIndicators(stores.reconciliations(), new ReconcileIndicators.Settings(
                        catalog, metrics, reconciliation.defaultTolerance(), reconciliation.recheckInterval(), rollup.viewGeneration())),
                        Named.as("reconcile")), "reconcile", ReconcileIndicators.OUTPUTS)
                .of(ReconcileIndicators.RECONCILIATIONS)
                .to(topics.reconciliation().name(), produced(topics.reconciliation(), "reconcile-write-reconciliations"));
    }

    private KStream<String, ReconciliationInput> reconciliationInputs(StageOutputs rolledUp, String prefix) {
        return rolledUp.of(ReconciliationInputs.OUTPUT)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(ReconciliationInput.class))
                        .withName(prefix + "reconciliation-inputs").withNumberOfPartitions(partitions));
    }

    private KStream<String, ObservationRejected> feed(KStream<String, ObservationRejected> rejections, String prefix) {
        return rejections
                .selectKey((key, rejection) -> rejection.getSourceTopic() + RecordKeys.SEPARATOR + rejection.getSourcePartition(),
                        Named.as(prefix + "by-source-partition"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(ObservationRejected.class))
                        .withName(prefix + "rejections-feed").withNumberOfPartitions(partitions));
    }

    private ReportingTracker.Settings reportingSettings() {
        return new ReportingTracker.Settings(reportingStatuses, reporting.checkInterval(), reporting.lookback(), partitions);
    }

    private IndicatorPeriodRollups.Settings rollupSettings() {
        return new IndicatorPeriodRollups.Settings(catalog, metrics, rollup.emitInterval(), rollup.liveEmitInterval(),
                rollup.backlogHold(), rollup.viewGeneration());
    }

    /** A stage's refusals to the rejected topic. */
    private void publishRefusals(KStream<String, ObservationRejected> refusals, String stage) {
        refusals.to(topics.rejected().name(), produced(topics.rejected(), stage + "-write-refusals"));
    }

    /** A stage's receipts to the receipts topic of the department whose topic the observation came from. */
    private void publishReceipts(KStream<String, ObservationReceipt> receipts, String stage) {
        // found once per department topic, not once per receipt
        Map<String, String> receiptsTopicOf = new ConcurrentHashMap<>();
        receipts.to((key, receipt, context) -> receiptsTopicOf.computeIfAbsent(receipt.getSourceTopic(),
                        source -> topics.receipts(topics.departmentOf(source).orElseThrow()).name()),
                Produced.with(serdes.keySerde(), serdes.valueSerde(ObservationReceipt.class)).withName(stage + "-write-receipts"));
    }

    /** A roll-up stage's values to the view, and its province values of national indicators to the national topic. */
    private void publishValues(StageOutputs rolledUp, String stage) {
        rolledUp.of(ValuePublisher.VIEW_VALUES).to(topics.viewValues().name(), produced(topics.viewValues(), stage + "-write-view"));
        rolledUp.of(ValuePublisher.NATIONAL_AGGREGATES).to(topics.nationalAggregates().name(),
                produced(topics.nationalAggregates(), stage + "-write-national"));
    }

    private <V extends SpecificRecord> Produced<String, V> produced(TopicDefinition<V> topic, String name) {
        // one serde instance per sink: a registry serde remembers the first subject it registered
        return Produced.with(serdes.keySerde(), serdes.valueSerde(topic)).withName(name);
    }
}
