package org.dmhub.hub.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.HubStores;
import org.dmhub.hub.overtime.PeriodInputs;
import org.dmhub.hub.overtime.SpanRollup;
import org.dmhub.period.Period;
import org.dmhub.hub.catalog.RollupStage;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.schemas.ReportingStatus;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.schemas.IndicatorDefinition;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * What this hub instance holds, read from its Kafka Streams state stores (interactive queries): the view (the last
 * published values of each indicator-period, and of the spans rolled up over time), reporting statuses,
 * reconciliations and recent rejections; and which instance holds the keys it does not.
 */
@Component
public class ViewStores {

    private final StreamsBuilderFactoryBean streams;
    private final HubStores stores;
    private volatile HostInfo self;

    ViewStores(StreamsBuilderFactoryBean streams, HubStores stores) {
        this.streams = streams;
        this.stores = stores;
    }

    /** The hub's stores, to name the one to read. */
    public HubStores stores() {
        return stores;
    }

    /**
     * Where the values of an indicator-period are: with the stage that rolls it up, or for a span of its periods (a
     * quarter of a monthly indicator) with the roll-up over time, in the task of the span's year.
     */
    public StoreKey<PublishedValues> valuesKey(IndicatorDefinition indicator, String period) {
        Optional<Period> span = Period.parse(period).filter(parsed -> parsed.periodicity().compareTo(indicator.getPeriodicity()) > 0);
        if (span.isPresent()) {
            return new StoreKey<>(stores.overTime().published(), indicatorPeriod(indicator, period),
                    SpanRollup.yearKey(indicator.getCode(), span.get().firstDay().getYear()));
        }
        return new StoreKey<>(valuesStore(indicator), indicatorPeriod(indicator, period));
    }

    /** Where each unit's values of an indicator for the periods of one year are (for year-to-date values). */
    public StoreKey<PeriodInputs> yearInputsKey(IndicatorDefinition indicator, int year) {
        String yearKey = SpanRollup.yearKey(indicator.getCode(), year);
        return new StoreKey<>(stores.overTime().inputs(), yearKey, yearKey);
    }

    /** What {@code read} makes of this instance's part of a store. */
    public <V, T> T readLocal(StoreDefinition<V> store, Function<ReadOnlyKeyValueStore<String, V>, T> read) {
        return reading(store, () -> read.apply(store(store)));
    }

    /** Every entry of a store held by this instance, with its key. */
    public <V> List<KeyValue<String, V>> localEntries(StoreDefinition<V> store) {
        if (!hostedHere(store)) {
            return List.of();
        }
        return reading(store, () -> {
            List<KeyValue<String, V>> entries = new ArrayList<>();
            try (KeyValueIterator<String, V> all = store(store).all()) {
                all.forEachRemaining(entries::add);
            }
            return entries;
        });
    }

    /** Where the reporting status of an indicator-period is. */
    public StoreKey<ReportingStatus> statusKey(IndicatorDefinition indicator, String period) {
        return new StoreKey<>(stores.reportingStatus(), indicatorPeriod(indicator, period));
    }

    /** Where a key of a store is: empty when on this instance, else the instance's address. */
    public Optional<HostInfo> remoteOwner(StoreKey<?> key) {
        KeyQueryMetadata metadata = running().queryMetadataForKey(key.store().name(), key.partitionKey(), Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new ViewNotReadyException("the hub is assigning its work (rebalancing)");
        }
        HostInfo active = metadata.activeHost();
        return self().equals(active) ? Optional.empty() : Optional.of(active);
    }

    /** The values of an indicator-period held by this instance. */
    public Optional<PublishedValues> localValues(IndicatorDefinition indicator, String period) {
        return local(valuesKey(indicator, period));
    }

    /** A key of a store held by this instance. */
    public <V> Optional<V> local(StoreKey<V> key) {
        return reading(key.store(), () -> Optional.ofNullable(store(key.store()).get(key.key())));
    }

    /** Every entry of a store held by this instance. */
    public <V> List<V> localAll(StoreDefinition<V> store) {
        if (!hostedHere(store)) {
            return List.of();
        }
        return reading(store, () -> {
            List<V> values = new ArrayList<>();
            try (KeyValueIterator<String, V> all = store(store).all()) {
                all.forEachRemaining(entry -> values.add(entry.value));
            }
            return values;
        });
    }

    /** Every period of an indicator held by this instance, with its values. */
    public List<PeriodValues> localPeriods(IndicatorDefinition indicator) {
        String prefix = indicator.getCode() + RecordKeys.SEPARATOR;
        if (!hostedHere(valuesStore(indicator))) {
            return List.of();
        }
        return reading(valuesStore(indicator), () -> {
            List<PeriodValues> periods = new ArrayList<>();
            try (KeyValueIterator<String, PublishedValues> range = store(valuesStore(indicator))
                    .prefixScan(prefix, Serdes.String().serializer())) {
                range.forEachRemaining(entry -> periods.add(new PeriodValues(entry.key.substring(prefix.length()), entry.value)));
            }
            return periods;
        });
    }

    /** The other instances holding a part of a store. */
    public List<HostInfo> otherInstances(StoreDefinition<?> store) {
        HostInfo self = self();
        return activeHosts(store).filter(host -> !host.equals(self)).distinct().toList();
    }

    /** Whether this instance holds active partitions of the store (none before their topics exist, say). */
    private boolean hostedHere(StoreDefinition<?> store) {
        HostInfo self = self();
        return activeHosts(store).anyMatch(self::equals);
    }

    /** The instances with active partitions of the store (not those with only standby or warm-up copies). */
    private Stream<HostInfo> activeHosts(StoreDefinition<?> store) {
        return running().streamsMetadataForStore(store.name()).stream()
                .filter(metadata -> metadata.stateStoreNames().contains(store.name()))
                .map(StreamsMetadata::hostInfo);
    }

    /** The address other instances reach this one at ({@code application.server}), read once: every request asks. */
    public HostInfo self() {
        HostInfo known = self;
        if (known == null) {
            Object server = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
            known = server == null ? HostInfo.unavailable() : HostInfo.buildFromEndpoint(server.toString());
            self = known;
        }
        return known;
    }

    /** An indicator-period's values and the period. */
    public record PeriodValues(String period, PublishedValues values) {
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(StoreDefinition<V> store) {
        if (!store.queryable()) {
            throw new IllegalArgumentException("the store " + store.name() + " is not one the API reads");
        }
        return running().store(StoreQueryParameters.fromNameAndType(store.name(), QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** A read of a store: the store may move away (a rebalance, a stream thread replaced) while it is read. */
    private static <T> T reading(StoreDefinition<?> store, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException notNow) {
            throw new ViewNotReadyException("the store " + store.name() + " is not available on this instance now (" + notNow.getMessage() + ")");
        }
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw new ViewNotReadyException("the hub's stream processing is "
                    + (kafkaStreams == null ? "not started" : kafkaStreams.state()));
        }
        return kafkaStreams;
    }

    /** The store of an indicator's values: that of the stage that rolls it up. */
    public StoreDefinition<PublishedValues> valuesStore(IndicatorDefinition indicator) {
        return stores.published(RollupStage.of(indicator));
    }

    private static String indicatorPeriod(IndicatorDefinition indicator, String period) {
        return indicator.getCode() + RecordKeys.SEPARATOR + period;
    }
}
