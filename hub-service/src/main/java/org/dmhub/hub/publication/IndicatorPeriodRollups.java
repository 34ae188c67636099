package org.dmhub.hub.publication;

import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Rolls up one {@code indicator|period} from its reporting units' inputs and publishes what changed, counting it in
 * the metrics. Shared by the processors that hold reporting units' inputs, which call it at each emit ({@link EmitCadence}) for
 * each indicator-period whose inputs changed ({@link org.dmhub.hub.aggregation.PendingRollups}).
 */
public final class IndicatorPeriodRollups {

    /**
     * The settings a roll-up stage takes from the hub's configuration.
     *
     * @param emitInterval how often the indicator-periods whose inputs changed are rolled up while the stage works
     *     through a backlog ({@link EmitCadence})
     * @param liveEmitInterval how often while it keeps up with its input
     * @param backlogHold through a backlog, the longest a key still changing is held back from its roll-up
     *     ({@link org.dmhub.hub.aggregation.PendingRollups#drainSettled})
     * @param viewGeneration how many times the view has been rebuilt (see {@link ValuePublisher})
     */
    public record Settings(Catalog catalog, HubMetrics metrics, Duration emitInterval, Duration liveEmitInterval,
            Duration backlogHold, int viewGeneration) {
    }

    private final ValuePublisher publisher;
    private final Settings settings;
    private final ProcessorContext<String, SpecificRecord> context;

    public IndicatorPeriodRollups(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, PublishedValues> published,
            Settings settings) {
        this.context = context;
        this.settings = settings;
        this.publisher = new ValuePublisher(published, context, settings.viewGeneration());
    }

    /**
     * @param framework the framework to roll up with (one snapshot for the whole roll-up)
     * @param inputs the current inputs of each reporting unit, by area
     * @param sentAt when the earliest change not yet rolled up was sent: the view's latency is measured from it
     */
    public void rollUp(CatalogSnapshot framework, IndicatorDefinition indicator, String period, Map<String, UnitInput> inputs,
            long sentAt) {
        count(publisher.publish(framework, indicator, period, inputs), sentAt);
    }

    /**
     * Publishes a roll-up computed over a span of the indicator's periods (a quarter of a monthly indicator).
     *
     * @param results by area
     */
    public void publishOverTime(CatalogSnapshot framework, IndicatorDefinition indicator, String span, Map<String, AreaResult> results,
            long sentAt) {
        count(publisher.publishResults(framework, indicator, span, results, true), sentAt);
    }

    private void count(ValuePublisher.Published published, long sentAt) {
        settings.metrics().published("view", published.values());
        settings.metrics().published("national", published.nationalAggregates());
        if (published.values() > 0) {
            settings.metrics().viewLatency(context.currentSystemTimeMs() - sentAt);
        }
    }
}
