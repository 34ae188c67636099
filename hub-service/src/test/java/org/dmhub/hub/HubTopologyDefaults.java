package org.dmhub.hub;

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

    private HubTopologyDefaults() {
    }

    /** The reporting statuses of the default (Decree 09) calendar over this catalog. */
    public static ReportingStatuses reportingStatuses(Catalog catalog) {
        return new ReportingStatuses(catalog, ReportingCalendar.decree09());
    }
}
