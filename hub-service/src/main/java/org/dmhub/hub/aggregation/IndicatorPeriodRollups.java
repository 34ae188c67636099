package org.dmhub.hub.aggregation;

import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.monitoring.HubMetrics;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.hub.support.InternalSerde;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Rolls up one {@code indicator|period} from its reporting units' inputs and publishes what changed, counting it in
 * the metrics. Shared by the processors that hold reporting units' inputs, which call it once per emit interval for
 * each indicator-period whose inputs changed ({@link PendingRollups}).
 */
public final class IndicatorPeriodRollups {

    /** The settings a roll-up stage takes from the hub's configuration. */
    public record Settings(Catalog catalog, HubMetrics metrics, Duration emitInterval, StoreKind storeKind, int viewGeneration) {
    }

    private final ValuePublisher publisher;
    private final Settings settings;
    private final ProcessorContext<String, SpecificRecord> context;

    public IndicatorPeriodRollups(ProcessorContext<String, SpecificRecord> context, String publishedStore, Settings settings) {
        this.context = context;
        this.settings = settings;
        this.publisher = new ValuePublisher(settings.catalog(), context.getStateStore(publishedStore), context, settings.viewGeneration());
    }

    /** The store of what was last published, per indicator-period. */
    public static StoreBuilder<KeyValueStore<String, PublishedValues>> publishedStore(String name, StoreKind storeKind) {
        return Stores.keyValueStoreBuilder(storeKind.supplier(name), Serdes.String(), InternalSerde.of(PublishedValues.class))
                .withCachingDisabled();
    }

    /**
     * @param inputs the current inputs of each reporting unit, by area
     * @param sentAt when the earliest change not yet rolled up was sent: the view's latency is measured from it
     */
    public void rollUp(IndicatorDefinition indicator, String period, Map<String, UnitInput> inputs, long sentAt) {
        ValuePublisher.Published published = publisher.publish(indicator, period, inputs);
        settings.metrics().published("view", published.values());
        settings.metrics().published("national", published.nationalAggregates());
        if (published.values() > 0) {
            settings.metrics().viewLatency(context.currentSystemTimeMs() - sentAt);
        }
    }
}
