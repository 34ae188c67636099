package org.dmhub.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.aggregation.IndicatorPeriodRollups;
import org.dmhub.hub.aggregation.RollUpDerivedIndicators;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogTables;
import org.dmhub.hub.consolidation.ConsolidateObservations;
import org.dmhub.hub.monitoring.HubMetrics;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.hub.validation.ValidateObservations;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.hub.monitoring.RecentRejections;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.validation.RecordLimits;
import org.dmhub.contract.RecordKeys;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.hub.reporting.ReportingStatuses;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ReportingStatus;
import org.dmhub.schemas.ObservationRejected;

/**
 * The hub's stream processing, in the order the data travels:
 * department topics → validate → consolidate (per indicator and period) → roll up → view and national topics.
 */
public final class HubTopology {

    private final Topics topics;
    private final RegistrySerdes serdes;
    private final Catalog catalog;
    private final HubMetrics metrics;
    private final HubProperties.Rollup rollup;
    private final HubProperties.Reporting reporting;
    private final ReportingStatuses reportingStatuses;
    private final RecordLimits limits;
    private final ReceiptTopics receiptTopics;
    private final int partitions;

    /**
     * @param receiptTopics which departments' receipts topics exist (a receipt to a missing topic would hold up its task)
     * @param partitions of the hub's repartition topics: fixed, so that the hub starts before any department topic
     *     exists and whatever partitions department topics have
     */
    public HubTopology(Topics topics, RegistrySerdes serdes, Catalog catalog, HubMetrics metrics, HubProperties.Rollup rollup,
            HubProperties.Reporting reporting, ReportingStatuses reportingStatuses, HubProperties.Limits limits,
            ReceiptTopics receiptTopics, int partitions) {
        this.topics = topics;
        this.serdes = serdes;
        this.catalog = catalog;
        this.metrics = metrics;
        this.rollup = rollup;
        this.reporting = reporting;
        this.reportingStatuses = reportingStatuses;
        this.limits = new RecordLimits(limits);
        this.receiptTopics = receiptTopics;
        this.partitions = partitions;
    }

    public void addTo(StreamsBuilder builder) {
        // the framework, replicated in full on every instance
        new CatalogTables(topics, serdes, catalog, metrics).addTo(builder);

        // every department topic, including those of departments added later; bytes, so that bad records cannot stop us
        KStream<byte[], byte[]> received = builder.stream(topics.observationTopicPattern(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-observations"));

        // validate against the hub's limits and the framework: refusals to the rejected topic and to the sender's
        // receipts, the rest keyed indicator|period
        Map<String, KStream<String, SpecificRecord>> checked = received
                .process(new ValidateObservations(topics, serdes.valueSerde(IndicatorObservation.class).deserializer(),
                        catalog, metrics, limits, receiptTopics), Named.as("validate"))
                .split(Named.as("checked-"))
                .branch((key, value) -> value instanceof ObservationRejected, Branched.as("rejected"))
                .branch((key, value) -> value instanceof ObservationReceipt, Branched.as("receipt"))
                .defaultBranch(Branched.as("accepted"));
        KStream<String, ObservationRejected> refusedAtValidation = publishRejections(checked.get("checked-rejected"),
                "publish-validation-rejections");
        publishReceipts(checked.get("checked-receipt"), "validation-");

        // consolidate the latest revision per indicator|area|period; roll up indicators aggregated on their own, and
        // judge who has reported against the reporting calendar
        KStream<String, AcceptedObservation> byIndicatorPeriod = checked.get("checked-accepted")
                .mapValues(value -> (AcceptedObservation) value, Named.as("as-accepted"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(AcceptedObservation.class))
                        .withName("by-indicator-period").withNumberOfPartitions(partitions));

        Map<String, KStream<String, SpecificRecord>> consolidated = byIndicatorPeriod
                .process(new ConsolidateObservations(rollupSettings(), reportingSettings(), limits, receiptTopics), Named.as("consolidate"))
                .split(Named.as("consolidated-"))
                .branch((key, value) -> value instanceof UnitInputChange, Branched.as("derived-input"))
                .branch((key, value) -> value instanceof ObservationRejected, Branched.as("rejected"))
                .branch((key, value) -> value instanceof ObservationReceipt, Branched.as("receipt"))
                .branch((key, value) -> value instanceof ReportingStatus, Branched.as("reporting-status"))
                .defaultBranch(Branched.as("values"));
        consolidated.get("consolidated-reporting-status").mapValues(value -> (ReportingStatus) value, Named.as("as-reporting-status"))
                .to(topics.reportingStatus().name(), produced(topics.reportingStatus(), "publish-reporting-status"));
        KStream<String, ObservationRejected> refusedAtConsolidation = publishRejections(consolidated.get("consolidated-rejected"),
                "publish-revision-conflicts");
        publishReceipts(consolidated.get("consolidated-receipt"), "consolidation-");
        publishValues(consolidated.get("consolidated-values"), "");

        // roll up RATIO and WEIGHTED_AVERAGE indicators, whose inputs come from two indicators
        KStream<String, SpecificRecord> derived = consolidated.get("consolidated-derived-input")
                .mapValues(value -> (UnitInputChange) value, Named.as("as-unit-input"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerde.of(UnitInputChange.class))
                        .withName("by-derived-indicator-period").withNumberOfPartitions(partitions))
                .process(new RollUpDerivedIndicators(rollupSettings()), Named.as("roll-up-derived"));
        publishValues(derived, "derived-");

        // the focal point's feed of the latest refusals: each stage's refusals through a topic of the hub's own
        // partitioning first, so that neither the feed's store nor a merge ties the stages' sub-topologies together
        // (or to the department topics' partitions)
        feed(refusedAtValidation, "validation-")
                .merge(feed(refusedAtConsolidation, "consolidation-"), Named.as("all-rejections"))
                .process(new RecentRejections(), Named.as("keep-recent-rejections"));
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
        return new IndicatorPeriodRollups.Settings(catalog, metrics, rollup.emitInterval(), rollup.stores(), rollup.viewGeneration());
    }

    /** Refusals to the rejected topic; returned for the rejection feed. */
    private KStream<String, ObservationRejected> publishRejections(KStream<String, SpecificRecord> rejections, String name) {
        KStream<String, ObservationRejected> typed = rejections.mapValues(value -> (ObservationRejected) value, Named.as("as-" + name));
        typed.to(topics.rejected().name(), produced(topics.rejected(), name));
        return typed;
    }

    /** Receipts to the receipts topic of the department whose topic the observation came from. */
    private void publishReceipts(KStream<String, SpecificRecord> receipts, String prefix) {
        // found once per department topic, not once per receipt
        Map<String, String> receiptsTopicOf = new ConcurrentHashMap<>();
        receipts.mapValues(value -> (ObservationReceipt) value, Named.as(prefix + "as-receipt"))
                .to((key, receipt, context) -> receiptsTopicOf.computeIfAbsent(receipt.getSourceTopic(),
                                source -> topics.receipts(topics.departmentOf(source).orElseThrow()).name()),
                        Produced.with(serdes.keySerde(), serdes.valueSerde(ObservationReceipt.class)).withName(prefix + "write-receipts"));
    }

    /** View values to the view; national aggregates (province level, national indicators) to the national topic. */
    private void publishValues(KStream<String, SpecificRecord> values, String prefix) {
        Map<String, KStream<String, SpecificRecord>> byTopic = values.split(Named.as(prefix + "publish-"))
                .branch((key, value) -> value instanceof NationalAggregate, Branched.as("national"))
                .defaultBranch(Branched.as("view"));
        byTopic.get(prefix + "publish-view").mapValues(value -> (AreaValue) value, Named.as(prefix + "as-area-value"))
                .to(topics.viewValues().name(), produced(topics.viewValues(), prefix + "write-view"));
        byTopic.get(prefix + "publish-national").mapValues(value -> (NationalAggregate) value, Named.as(prefix + "as-national"))
                .to(topics.nationalAggregates().name(), produced(topics.nationalAggregates(), prefix + "write-national"));
    }

    private <V extends SpecificRecord> Produced<String, V> produced(TopicDefinition<V> topic, String name) {
        // one serde instance per sink: a registry serde remembers the first subject it registered
        return Produced.with(serdes.keySerde(), serdes.valueSerde(topic)).withName(name);
    }
}
