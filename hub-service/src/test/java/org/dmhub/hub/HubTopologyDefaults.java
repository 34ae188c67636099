package org.dmhub.hub;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.reporting.ReportingCalendar;
import org.dmhub.hub.reporting.ReportingStatuses;

/** The hub's default settings, for tests and benchmarks that build the topology without Spring. */
public final class HubTopologyDefaults {

    /** Decree 09 deadlines in Vietnam's time zone; the calendar checked every minute, three periods back. */
    public static final HubProperties.Reporting REPORTING =
            new HubProperties.Reporting("Asia/Ho_Chi_Minh", Map.of(), Duration.ofMinutes(1), 3);

    /** The hub's default limits on one record (application.yml sets none). */
    public static final HubProperties.Limits LIMITS = properties().limits();

    /** The hub's settings with every default. */
    public static HubProperties properties() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("dmhub", HubProperties.class);
    }

    private HubTopologyDefaults() {
    }

    /** The reporting statuses of the default (Decree 09) calendar over this catalog. */
    public static ReportingStatuses reportingStatuses(Catalog catalog) {
        return new ReportingStatuses(catalog, ReportingCalendar.decree09());
    }
}
