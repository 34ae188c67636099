package org.dmhub.hub;

import java.time.Duration;
import java.util.Map;
import org.dmhub.hub.support.StoreKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code dmhub.*} in application.yml). Kafka and Kafka Streams settings are Spring Boot's
 * {@code spring.kafka.*}.
 *
 * @param topicPrefix prefix of every contract topic name
 * @param registryUrl base URL of the schema registry
 * @param advertisedHost the host name other hub instances reach this one's API at (Kafka Streams' application.server)
 * @param topics how the hub creates the contract topics it finds missing
 * @param reporting the reporting calendar: when reports are due
 */
@ConfigurationProperties("dmhub")
public record HubProperties(
        @DefaultValue("dmhub.") String topicPrefix,
        @DefaultValue("http://127.0.0.1:18081") String registryUrl,
        @DefaultValue("127.0.0.1") String advertisedHost,
        @DefaultValue TopicCreation topics,
        @DefaultValue Rollup rollup,
        @DefaultValue Reporting reporting) {

    /**
     * @param emitInterval how often changed indicator-periods are rolled up and published: values are published once
     *     per interval at most, however many observations changed them
     * @param stores where consolidated values and roll-up state are kept
     * @param viewGeneration raised by one each time the view is rebuilt from the observation topics, so that the
     *     revisions of rebuilt values are higher than any published before
     */
    public record Rollup(@DefaultValue("1s") Duration emitInterval, @DefaultValue("IN_MEMORY") StoreKind stores,
            @DefaultValue("0") int viewGeneration) {
    }

    /**
     * The reporting calendar, read by {@link org.dmhub.hub.reporting.ReportingCalendar#from(Reporting)}, which refuses
     * a value it cannot use with the property's name.
     *
     * @param timeZone the zone of deadline days: a region ID ({@code Asia/Ho_Chi_Minh}) or an offset ({@code +07:00})
     * @param deadlines per periodicity ({@code DAILY}, {@code MONTHLY}, {@code QUARTERLY}, {@code HALF_YEARLY},
     *     {@code YEARLY}), {@code day-of-last-month:D} or {@code after-period-end:PnD}; a periodicity not given keeps
     *     its default: day-of-last-month:25 (Decree 09/2019/ND-CP, Art. 13), after-period-end:P1D for DAILY
     * @param checkInterval how often the hub looks for deadlines that passed, to publish MISSING and LATE statuses
     * @param lookback how many past periods of each indicator that check judges (the ones whose deadline passed last)
     */
    public record Reporting(@DefaultValue("Asia/Ho_Chi_Minh") String timeZone, @DefaultValue Map<String, String> deadlines,
            @DefaultValue("1m") Duration checkInterval, @DefaultValue("3") int lookback) {
    }

    /**
     * @param partitions partitions of the observation, view and status topics (the unit of scale-out)
     * @param replicationFactor 1 for a single local broker; 3 in production
     */
    public record TopicCreation(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
    }
}
