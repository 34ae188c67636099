package org.dmhub.hub.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ReportingState;
import org.dmhub.schemas.ReportingStatus;

/**
 * Who has reported what, judged against the reporting calendar, for the processor that consolidates the units'
 * values (it knows when each unit first reported, and a stale revision, a duplicate or a conflict changes nothing
 * there). The processor hands over an indicator-period whenever its units changed, at most once per emit;
 * the department's {@link ReportingStatus} is published when it differs from the last one published. A clock check
 * also publishes the status of periods whose deadline passed without a report (MISSING) or while reports were
 * incomplete: the absence of data is news too.
 *
 * <p>Keyed {@code indicator|period}; the clock check looks only at the keys of its own partition, so that each
 * status is published by exactly one task.
 */
public final class ReportingTracker {

    /** The statuses the tracker forwards, keyed {@code department|indicator|period}. */
    public static final StageOutput<ReportingStatus> STATUSES = new StageOutput<>("reporting-statuses", ReportingStatus.class);

    /**
     * @param checkInterval how often the calendar is checked for deadlines that passed
     * @param lookback how many past periods of each indicator the calendar check judges
     * @param partitions of the topic the processor reads (to find the keys of its own partition)
     */
    public record Settings(ReportingStatuses statuses, Duration checkInterval, int lookback, int partitions) {
    }

    private final ProcessorContext<String, SpecificRecord> context;
    private final Settings settings;
    private final KeyValueStore<String, ReportingStatus> published;
    private final Function<String, Map<String, Long>> receptionsOf;

    /**
     * @param receptionsOf when each unit of an {@code indicator|period} that currently has a value first reported it
     *     (epoch ms), by area
     */
    public ReportingTracker(ProcessorContext<String, SpecificRecord> context, Settings settings,
            KeyValueStore<String, ReportingStatus> published, Function<String, Map<String, Long>> receptionsOf) {
        this.context = context;
        this.settings = settings;
        this.receptionsOf = receptionsOf;
        this.published = published;
    }

    /** Publishes the status of the indicator and period if it changed since last published. */
    public void update(IndicatorDefinition indicator, String period, Map<String, Long> receptions) {
        String key = indicator.getCode() + RecordKeys.SEPARATOR + period;
        long now = context.currentSystemTimeMs();
        settings.statuses().status(indicator, period, receptions, Instant.ofEpochMilli(now)).ifPresent(status -> {
            if (!ReportingStatuses.same(status, published.get(key))) {
                published.put(key, status);
                context.forward(new Record<>(RecordKeys.reportingStatusKey(status.getDepartment(), status.getIndicator(),
                        status.getPeriod()), status, now));
            }
        });
    }

    /**
     * Publishes the statuses that are due: nothing received, or still incomplete, after the deadline. Called every
     * {@code checkInterval} of wall-clock time.
     */
    public void checkDeadlines(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (IndicatorDefinition indicator : settings.statuses().reportedIndicators()) {
            for (String period : settings.statuses().lastDuePeriods(indicator, now, settings.lookback())) {
                String key = indicator.getCode() + RecordKeys.SEPARATOR + period;
                ReportingStatus last = published.get(key);
                if ((last == null || last.getState() == ReportingState.PENDING) && ownKey(key)) {
                    update(indicator, period, receptionsOf.apply(key));
                }
            }
        }
    }

    /** Whether the key belongs to this task's partition (the default partitioner of the topic read). */
    private boolean ownKey(String key) {
        byte[] bytes = Serdes.String().serializer().serialize(null, key);
        return Utils.toPositive(Utils.murmur2(bytes)) % settings.partitions() == context.taskId().partition();
    }
}
