package org.dmhub.hub;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.hub.reporting.ReportingCalendar;
import org.dmhub.hub.reporting.ReportingStatuses;

/** The hub's default settings, for tests and benchmarks that build the topology without Spring. */
public final class HubTopologyDefaults {

    /** Decree 09 deadlines in Vietnam's time zone; the calendar checked every minute, three periods back. */
    public static final HubProperties.Reporting REPORTING =
            new HubProperties.Reporting("Asia/Ho_Chi_Minh", Map.of(), Duration.ofMinutes(1), 3);

    /** The hub's default limits on one record (application.yml sets none). */
    public static final HubProperties.Limits LIMITS = properties().limits();

    /** The hub's default reconciliation settings: 5 % tolerance, rechecked every minute. */
    public static final HubProperties.Reconciliation RECONCILIATION = properties().reconciliation();

    /** The hub's default roll-up settings: emit intervals and store memory. */
    public static final HubProperties.Rollup ROLLUP = properties().rollup();

    /** The hub's settings with every default. */
    public static HubProperties properties() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("dmhub", HubProperties.class);
    }

    private HubTopologyDefaults() {
    }

    /** The hub's topology with the default settings and 6 partitions, as its shape and names tests read it. */
    public static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        Catalog catalog = new Catalog();
        new HubTopology(Topics.withDefaultPrefix(), new RegistrySerdes("http://127.0.0.1:1"), catalog,
                new HubMetrics(new SimpleMeterRegistry()), HubStores.of(StoreKind.IN_MEMORY),
                new HubProperties.Rollup(ROLLUP.emitInterval(), ROLLUP.liveEmitInterval(), ROLLUP.backlogHold(), StoreKind.IN_MEMORY, ROLLUP.storeMemory(), 0),
                REPORTING, RECONCILIATION, reportingStatuses(catalog), LIMITS, department -> true, 6).addTo(builder);
        return builder.build();
    }

    /** The reporting statuses of the default (Decree 09) calendar over this catalog. */
    public static ReportingStatuses reportingStatuses(Catalog catalog) {
        return new ReportingStatuses(catalog, ReportingCalendar.decree09());
    }
}
