package org.dmhub.hub.aggregation;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.monitoring.HubMetrics;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StoreKind;

/**
 * Rolls up, once per emit interval, every {@code indicator|period} whose inputs changed since the last time, and
 * publishes what changed. Shared by the processors that hold reporting units' inputs; each tells how to read the
 * inputs of an indicator-period from its own store.
 */
public final class IndicatorPeriodRollups {

    /** The settings a roll-up stage takes from the hub's configuration. */
    public record Settings(Catalog catalog, HubMetrics metrics, Duration emitInterval, StoreKind storeKind, int viewGeneration) {
    }

    private final PendingRollups pending;
    private final ValuePublisher publisher;
    private final Settings settings;
    private final ProcessorContext<String, SpecificRecord> context;
    private final Function<String, Map<String, UnitInput>> inputsOf;

    /**
     * @param inputsOf the current inputs of each reporting unit of an {@code indicator|period}
     */
    public IndicatorPeriodRollups(ProcessorContext<String, SpecificRecord> context, String pendingStore, String publishedStore,
            Settings settings, Function<String, Map<String, UnitInput>> inputsOf) {
        this.context = context;
        this.settings = settings;
        this.inputsOf = inputsOf;
        this.pending = new PendingRollups(context.getStateStore(pendingStore));
        this.publisher = new ValuePublisher(settings.catalog(), context.getStateStore(publishedStore), context, settings.viewGeneration());
        context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> pending.drain(this::rollUp));
    }

    /** The stores a roll-up stage needs: which indicator-periods are pending, and what was last published. */
    public static Set<StoreBuilder<?>> stores(String pendingStore, String publishedStore, StoreKind storeKind) {
        return Set.of(
                // pending keys come and go within a commit: the record cache keeps most of them off the changelog
                Stores.keyValueStoreBuilder(storeKind.supplier(pendingStore), Serdes.String(), Serdes.Long()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(storeKind.supplier(publishedStore), Serdes.String(), InternalSerde.of(PublishedValues.class))
                        .withCachingDisabled());
    }

    /** @param sentAt the time of the record that changed the inputs: when the department sent the observation */
    public void markChanged(String indicatorPeriod, long sentAt) {
        pending.mark(indicatorPeriod, sentAt);
    }

    private void rollUp(String indicatorPeriod, long sentAt) {
        int separator = indicatorPeriod.indexOf(RecordKeys.SEPARATOR);
        settings.catalog().indicator(indicatorPeriod.substring(0, separator)).ifPresent(indicator -> {
            ValuePublisher.Published published = publisher.publish(indicator, indicatorPeriod.substring(separator + 1),
                    inputsOf.apply(indicatorPeriod));
            settings.metrics().published("view", published.values());
            settings.metrics().published("national", published.nationalAggregates());
            if (published.values() > 0) {
                settings.metrics().viewLatency(context.currentSystemTimeMs() - sentAt);
            }
        });
    }
}
