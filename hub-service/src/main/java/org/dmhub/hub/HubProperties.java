package org.dmhub.hub;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.hub.support.StoreKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The hub's own settings ({@code dmhub.*} in application.yml). Kafka and Kafka Streams settings are Spring Boot's
 * {@code spring.kafka.*}.
 *
 * @param topicPrefix prefix of every contract topic name
 * @param registryUrl base URL of the schema registry
 * @param advertisedHost the host name other hub instances reach this one's API at (Kafka Streams' application.server)
 * @param topics how the hub creates the contract topics it finds missing
 * @param rollup how consolidated values are rolled up and published, and where they are kept
 * @param reporting the reporting calendar: when reports are due
 * @param limits what the hub accepts of one record: anything beyond is refused as TOO_LARGE, never decoded
 * @param health when the health endpoint says the stream processing is failing
 * @param reconciliation how operating indicators are compared with their statistical indicators
 */
@ConfigurationProperties("dmhub")
public record HubProperties(
        @DefaultValue("dmhub.") String topicPrefix,
        @DefaultValue("http://127.0.0.1:18081") String registryUrl,
        @DefaultValue("127.0.0.1") String advertisedHost,
        @DefaultValue TopicCreation topics,
        @DefaultValue Rollup rollup,
        @DefaultValue Reporting reporting,
        @DefaultValue Limits limits,
        @DefaultValue Health health,
        @DefaultValue Reconciliation reconciliation) {

    /**
     * @param emitInterval how often changed indicator-periods are rolled up and published while the hub works through
     *     a backlog (a rebuild, a catch-up): values are then published once per interval at most, however many
     *     observations changed them (see {@code backlogHold} for what is still changing)
     * @param liveEmitInterval how often while the hub keeps up with what it receives (the newest observation it
     *     processed was sent less than an emit interval ago): a value is published a moment after its change
     * @param backlogHold through a backlog, the longest an indicator-period whose inputs are still changing is held
     *     back from its roll-up: an emit rolls up those that did not change since the emit before and holds back the
     *     others, so that an indicator-period whose observations arrive over several emits (from department topic
     *     partitions read at different paces) is rolled up and published once rather than at each of them; 0 holds
     *     nothing back
     * @param stores where consolidated values and roll-up state are kept: PERSISTENT (RocksDB on the state
     *     directory, the default: the state is bounded by the disk, not the heap) or IN_MEMORY
     * @param storeMemory the memory outside the heap that all PERSISTENT stores share (block cache, index and filter
     *     blocks, write buffers): what they cannot keep there they read from disk
     * @param viewGeneration raised by one each time the view is rebuilt from the observation topics, so that the
     *     revisions of rebuilt values are higher than any published before
     */
    public record Rollup(@DefaultValue("3s") Duration emitInterval, @DefaultValue("20ms") Duration liveEmitInterval,
            @DefaultValue("15s") Duration backlogHold, @DefaultValue("PERSISTENT") StoreKind stores, @DefaultValue("256MB") DataSize storeMemory,
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
     * Bounds on one record on a department topic. An observation is a few hundred bytes; the defaults leave ample
     * room while keeping any one record, the refusal of it and the state it leaves cheap to hold and to publish.
     *
     * @param maxKey largest key accepted
     * @param maxValue largest value accepted (the Avro record with its framing)
     * @param maxEventIdLength longest eventId (a UUID has 36 characters)
     * @param maxFieldLength longest indicator, department, area, period, unit or source
     * @param maxCommentLength longest comment
     * @param rawPrefix how many bytes of a refused record are kept on its refusal (with its size and SHA-256)
     * @param revisionAhead how far past the hub's clock (read as epoch milliseconds) a revision may be: a revision
     *     beyond it would win over every correction the department could send, so it is refused as REVISION_IN_FUTURE
     * @param maxFrameworkFile the largest framework file {@code POST /api/catalog} reads (HTTP 413 beyond)
     * @param appliedEventsKept how many of the latest eventIds applied to a key are remembered to recognise a re-sent
     *     one; an older one sent again is judged by its revision (stale, or a duplicate of the same content)
     */
    public record Limits(@DefaultValue("1KB") DataSize maxKey, @DefaultValue("64KB") DataSize maxValue,
            @DefaultValue("128") int maxEventIdLength, @DefaultValue("256") int maxFieldLength,
            @DefaultValue("4000") int maxCommentLength, @DefaultValue("4KB") DataSize rawPrefix,
            @DefaultValue("P1D") Duration revisionAhead, @DefaultValue("32") int appliedEventsKept,
            @DefaultValue("16MB") DataSize maxFrameworkFile) {
    }

    /**
     * @param failureWindow the health endpoint is DOWN for this long after a stream thread failed and was replaced,
     *     so a thread that keeps failing keeps it DOWN
     * @param restartBackoff the pause before the stream processing is restarted after it stopped on the same error
     *     again; doubled each time that happens in a row, up to {@code maxRestartBackoff}
     * @param maxRestartBackoff the longest such pause
     */
    public record Health(@DefaultValue("60s") Duration failureWindow, @DefaultValue("1s") Duration restartBackoff,
            @DefaultValue("60s") Duration maxRestartBackoff) {
    }

    /**
     * @param defaultTolerance the largest relative difference between an operating value and its statistical value
     *     that is still CONSISTENT, as a fraction (0.05 for 5 %), for a {@code statisticalLink} that names no tolerance
     * @param recheckInterval how often every comparison is checked again against the framework, so that a changed
     *     tolerance or factor reaches it without waiting for a new value
     */
    public record Reconciliation(@DefaultValue("0.05") BigDecimal defaultTolerance, @DefaultValue("1m") Duration recheckInterval) {

        public Reconciliation {
            if (defaultTolerance.signum() < 0 || defaultTolerance.stripTrailingZeros().scale() > 12) {
                throw new IllegalArgumentException("dmhub.reconciliation.default-tolerance must be 0 or more, with at most 12"
                        + " decimal places (0.05 for 5%): " + defaultTolerance);
            }
        }
    }

    /**
     * @param partitions partitions of the observation, view and status topics (the unit of scale-out)
     * @param replicationFactor 1 for a single local broker; 3 in production
     */
    public record TopicCreation(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {

        /** A topic as the hub creates it: these partitions and replicas, and the topic's own configuration. */
        public NewTopic newTopic(TopicDefinition<?> topic) {
            return newTopic(topic, partitions);
        }

        public NewTopic newTopic(TopicDefinition<?> topic, int partitionCount) {
            return new NewTopic(topic.name(), partitionCount, replicationFactor).configs(topic.configs());
        }
    }
}
