package org.dmhub.hub;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.catalog.CatalogTables;
import org.dmhub.hub.catalog.RollupStage;
import org.dmhub.hub.consolidation.ConsolidateObservations;
import org.dmhub.hub.consolidation.ConsolidatedValue;
import org.dmhub.hub.overtime.PeriodInputs;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.RollupStageStores;
import org.dmhub.hub.reconciliation.ReconciliationState;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReportingStatus;

/**
 * Every state store of the hub, as {@code Topics} has every topic: built once from the configuration and handed to
 * the stages that write them and to the queries that read them. A store's name is also its changelog's: renaming
 * one loses its state on upgrade (TopologyNamesTest keeps them).
 *
 * @param catalog the catalog topics as received (global: every instance holds all of them)
 * @param consolidation the consolidation stage's stores
 * @param derivation the stores of the stage that rolls up RATIO and WEIGHTED_AVERAGE indicators
 * @param overTime the stores of the stage that rolls indicators up over quarters, half-years and years
 * @param reconciliations both sides of every statistical link, area and period, and what was last published of them
 * @param recentRejections the latest refusals of every stage, for the focal point's feed
 */
public record HubStores(CatalogTables.Stores catalog, ConsolidateObservations.Stores consolidation,
        RollupStageStores<UnitInputs> derivation, RollupStageStores<PeriodInputs> overTime,
        StoreDefinition<ReconciliationState> reconciliations, StoreDefinition<ObservationRejected> recentRejections) {

    /** @param kind where consolidated values and roll-up state are kept ({@code dmhub.rollup.stores}) */
    public static HubStores of(StoreKind kind) {
        return new HubStores(
                new CatalogTables.Stores(catalog("catalog-indicators"), catalog("catalog-areas"), catalog("catalog-departments")),
                new ConsolidateObservations.Stores(
                        // one write per observation to a key of its own: a record cache would only add work
                        StoreDefinition.working("consolidated",
                                InternalSerde.of(ConsolidatedValue.class, "ConsolidatedValue-1.avsc"), kind),
                        // pending keys come and go within a commit: the record cache keeps most of them off the changelog
                        StoreDefinition.working("rollups-pending", Serdes.Long(), kind).withRecordCache(),
                        StoreDefinition.working("values-published", InternalSerde.of(PublishedValues.class), kind).readByTheApi(),
                        StoreDefinition.working("reporting-status", InternalSerde.of(ReportingStatus.class), kind).readByTheApi()),
                new RollupStageStores<>(
                        StoreDefinition.working("derived-inputs", InternalSerde.of(UnitInputs.class), kind),
                        StoreDefinition.working("derived-rollups-pending", Serdes.Long(), kind).withRecordCache(),
                        StoreDefinition.working("derived-values-published", InternalSerde.of(PublishedValues.class), kind)
                                .readByTheApi()),
                new RollupStageStores<>(
                        // read by the API too, for year-to-date values
                        StoreDefinition.working("over-time-inputs", InternalSerde.of(PeriodInputs.class), kind).readByTheApi(),
                        StoreDefinition.working("over-time-rollups-pending", Serdes.Long(), kind).withRecordCache(),
                        StoreDefinition.working("over-time-values-published", InternalSerde.of(PublishedValues.class), kind)
                                .readByTheApi()),
                StoreDefinition.working("reconciliations", InternalSerde.of(ReconciliationState.class), kind).readByTheApi(),
                // in memory whatever the kind: the feed is small, and its changelog brings it back after a rebalance
                StoreDefinition.working("recent-rejections", InternalSerde.of(ObservationRejected.class), StoreKind.IN_MEMORY)
                        .readByTheApi());
    }

    /** Where the stage that rolls an indicator up keeps what it published: the part of the view the API reads. */
    public StoreDefinition<PublishedValues> published(RollupStage stage) {
        return switch (stage) {
            case CONSOLIDATION -> consolidation.published();
            case DERIVATION -> derivation.published();
        };
    }

    /** The last reporting status published of each indicator-period. */
    public StoreDefinition<ReportingStatus> reportingStatus() {
        return consolidation.reportingStatus();
    }

    public List<StoreDefinition<?>> all() {
        return List.of(catalog.indicators(), catalog.areas(), catalog.departments(), consolidation.consolidated(),
                consolidation.pending(), consolidation.published(), consolidation.reportingStatus(), derivation.inputs(),
                derivation.pending(), derivation.published(), overTime.inputs(), overTime.pending(), overTime.published(),
                reconciliations, recentRejections);
    }

    /** The catalog topics' records as received, decoded when read: a record that is not what its topic holds cannot stop the hub. */
    private static StoreDefinition<byte[]> catalog(String name) {
        return StoreDefinition.working(name, Serdes.ByteArray(), StoreKind.PERSISTENT).withoutChangelog();
    }
}
