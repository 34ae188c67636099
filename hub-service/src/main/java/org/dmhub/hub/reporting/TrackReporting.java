package org.dmhub.hub.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.PendingRollups;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.hub.validation.AcceptedObservation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ReportingStatus;

/**
 * Who has reported what, judged against the reporting calendar. For each indicator, period and reporting unit it
 * remembers when the unit first reported a value and its highest revision, so that a stale revision or a duplicate
 * changes nothing (as in the consolidation), and a retraction takes the unit out until it reports again. It publishes the department's {@link ReportingStatus} whenever it changes,
 * at most once per emit interval. A clock check also publishes the status of periods whose deadline passed without a
 * report (MISSING) or while reports were incomplete: the absence of data is news too.
 *
 * <p>Keyed {@code indicator|period}, like the consolidation it runs beside; the clock check looks only at the keys of
 * its own partition, so that each status is published by exactly one task.
 */
public final class TrackReporting implements ProcessorSupplier<String, AcceptedObservation, String, SpecificRecord> {

    public static final String RECEPTIONS_STORE = "reporting-receptions";
    public static final String STATUS_STORE = "reporting-status";
    public static final String PENDING_STORE = "reporting-pending";

    /**
     * @param emitInterval how often changed statuses are published
     * @param checkInterval how often the calendar is checked for deadlines that passed
     * @param lookback how many past periods of each indicator the calendar check judges
     * @param partitions of the topic this processor reads (to find the keys of its own partition)
     */
    public record Settings(Catalog catalog, ReportingStatuses statuses, Duration emitInterval, Duration checkInterval, int lookback,
            int partitions, StoreKind storeKind) {
    }

    private final Settings settings;

    public TrackReporting(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                // indicator|period|area → when that unit reported, and its highest revision
                Stores.keyValueStoreBuilder(settings.storeKind().supplier(RECEPTIONS_STORE), Serdes.String(),
                        InternalSerde.of(UnitReception.class)),
                Stores.keyValueStoreBuilder(settings.storeKind().supplier(STATUS_STORE), Serdes.String(),
                        InternalSerde.of(ReportingStatus.class)),
                Stores.keyValueStoreBuilder(settings.storeKind().supplier(PENDING_STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled());
    }

    @Override
    public Processor<String, AcceptedObservation, String, SpecificRecord> get() {
        return new Processor<>() {
            private ProcessorContext<String, SpecificRecord> context;
            private KeyValueStore<String, UnitReception> receptions;
            private KeyValueStore<String, ReportingStatus> published;
            private PendingRollups pending;

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                this.context = context;
                receptions = context.getStateStore(RECEPTIONS_STORE);
                published = context.getStateStore(STATUS_STORE);
                pending = new PendingRollups(context.getStateStore(PENDING_STORE));
                context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> pending.drain((key, sentAt) -> publish(key)));
                context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDeadlines);
            }

            @Override
            public void process(Record<String, AcceptedObservation> record) {
                AcceptedObservation observation = record.value();
                String unitKey = record.key() + RecordKeys.SEPARATOR + observation.getArea();
                UnitReception known = receptions.get(unitKey);
                if (known != null && observation.getRevision() <= known.getRevision()) {
                    return; // a stale revision, a duplicate or a conflict: the consolidated value does not change
                }
                boolean reportedBefore = known != null && !known.getRetracted();
                receptions.put(unitKey, new UnitReception(reportedBefore ? known.getReceivedAt() : record.timestamp(),
                        observation.getRevision(), observation.getRetracted()));
                if (reportedBefore == observation.getRetracted()) {
                    pending.mark(record.key(), record.timestamp());
                }
            }

            /** Statuses that are due: nothing received, or still incomplete, after the deadline. */
            private void checkDeadlines(long nowMillis) {
                Instant now = Instant.ofEpochMilli(nowMillis);
                for (IndicatorDefinition indicator : settings.statuses().reportedIndicators()) {
                    for (String period : settings.statuses().lastDuePeriods(indicator, now, settings.lookback())) {
                        String key = indicator.getCode() + RecordKeys.SEPARATOR + period;
                        ReportingStatus last = published.get(key);
                        if ((last == null || last.getState() == org.dmhub.schemas.ReportingState.PENDING) && ownKey(key)) {
                            publish(key);
                        }
                    }
                }
            }

            private void publish(String key) {
                int separator = key.indexOf(RecordKeys.SEPARATOR);
                settings.catalog().indicator(key.substring(0, separator)).ifPresent(indicator -> {
                    settings.statuses().status(indicator, key.substring(separator + 1), unitReceptions(key),
                            Instant.ofEpochMilli(context.currentSystemTimeMs())).ifPresent(status -> {
                                if (!ReportingStatuses.same(status, published.get(key))) {
                                    published.put(key, status);
                                    context.forward(new Record<>(RecordKeys.reportingStatusKey(status.getDepartment(),
                                            status.getIndicator(), status.getPeriod()), status, context.currentSystemTimeMs()));
                                }
                            });
                });
            }

            /** When each unit of an indicator-period first reported, by area. */
            private Map<String, Long> unitReceptions(String indicatorPeriod) {
                Map<String, Long> units = new HashMap<>();
                String prefix = indicatorPeriod + RecordKeys.SEPARATOR;
                try (KeyValueIterator<String, UnitReception> range = receptions.prefixScan(prefix, Serdes.String().serializer())) {
                    range.forEachRemaining(entry -> {
                        if (!entry.value.getRetracted()) {
                            units.put(entry.key.substring(prefix.length()), entry.value.getReceivedAt());
                        }
                    });
                }
                return units;
            }

            /** Whether the key belongs to this task's partition (the default partitioner of the topic read). */
            private boolean ownKey(String key) {
                byte[] bytes = Serdes.String().serializer().serialize(null, key);
                return Utils.toPositive(Utils.murmur2(bytes)) % settings.partitions() == context.taskId().partition();
            }
        };
    }
}
