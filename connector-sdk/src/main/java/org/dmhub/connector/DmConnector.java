package org.dmhub.connector;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.connector.receipt.KafkaReceiptWatch;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.spool.Spool;
import org.dmhub.connector.spool.SpoolSender;
import org.dmhub.connector.spool.StillSpooledException;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.validation.Decimals;

/**
 * Publishes one department's observations to its topic, {@code dmhub.observations.<DEPARTMENT>} under the default
 * {@linkplain Builder#topicPrefix(String) topic prefix}, in the contract's wire format. Sends are idempotent and
 * acknowledged by every in-sync replica, so a retry after a network error never duplicates nor loses an observation.
 *
 * <p>With a {@linkplain Builder#spool(Path) spool folder} (recommended for anything that runs unattended), every
 * observation is first written to a durable local file and sent from there, in order, by a background thread:
 * {@link #publish} does not wait for the broker, an outage of the broker or the registry only delays the sending, and
 * what is still in the spool when the process ends is sent by the next connector opened on the same folder.
 *
 * <p>The hub answers every observation with a receipt (accepted, duplicate, stale or rejected); {@link #watchReceipts}
 * waits for them.
 *
 * <pre>{@code
 * try (DmConnector connector = DmConnector.builder()
 *         .bootstrapServers("kafka.tinh.gov.vn:9092")
 *         .registryUrl("http://registry.tinh.gov.vn:8081")
 *         .department("STC")
 *         .source("Phần mềm kế toán ngân sách")
 *         .build()) {
 *     connector.publish(connector.newObservation()
 *             .setIndicator("NS-01").setArea("25747").setPeriod("2026-10")
 *             .setValue(new BigDecimal("1234.5")).setUnit("tỷ đồng").setRevision(1)
 *             .build()).join();
 * }
 * }</pre>
 */
public final class DmConnector implements AutoCloseable {

    private final String department;
    private final String source;
    private final String topic;
    private final KafkaProducer<String, IndicatorObservation> producer;
    /** Null without a spool folder: sends go straight to the producer. */
    private final SpoolSender spoolSender;
    private final Duration timeout;
    private final RevisionClock revisions = RevisionClock.system();
    private final String bootstrapServers;
    private final RegistrySerdes serdes;
    private final Topics topics;
    /** The settings a consumer of the receipts needs beyond the serdes: the login and any security setting. */
    private final Map<String, Object> consumerConfig = new HashMap<>();

    private DmConnector(Builder builder) {
        this.department = builder.department;
        this.source = builder.source;
        this.topic = builder.topics.observations(builder.department).name();
        this.bootstrapServers = builder.bootstrapServers;
        // in the hub's secure mode only the focal point registers schemas: the connector finds the one it writes
        this.serdes = builder.credentials == null ? new RegistrySerdes(builder.registryUrl)
                : new RegistrySerdes(builder.registryUrl).withoutAutoRegistration();
        this.topics = builder.topics;
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dmhub-connector-" + builder.department);
        // a missing topic or an unreachable broker surfaces as an error after this long instead of blocking
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) builder.timeout.toMillis());
        if (builder.spoolFolder != null) {
            // the producer retries for as long as the broker is away; the spool keeps what a process end would lose
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        }
        if (builder.credentials != null) {
            config.putAll(builder.credentials.clientConfig());
        }
        config.putAll(builder.extraProducerConfig);
        if (builder.credentials != null) {
            consumerConfig.putAll(builder.credentials.clientConfig());
        }
        builder.extraProducerConfig.forEach((name, value) -> {
            if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                consumerConfig.put(name, value);
            }
        });
        this.timeout = builder.timeout;
        Spool spool = builder.spoolFolder == null ? null : Spool.open(builder.spoolFolder);
        try {
            this.producer = new KafkaProducer<>(config);
        } catch (RuntimeException e) {
            if (spool != null) {
                spool.close();
            }
            throw e;
        }
        this.spoolSender = spool == null ? null
                : new SpoolSender(spool, producer, topic, o -> RecordKeys.valueKey(o.getIndicator(), o.getArea(), o.getPeriod()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topic this connector publishes to. */
    public String topic() {
        return topic;
    }

    /**
     * A new observation of this connector's department and source, with a random eventId, status REPORTED, the
     * current time and, as revision, the current time in epoch milliseconds (as a file row without a revision); set
     * at least indicator, area, period, value and unit. Prefer {@link #newObservation(String, String, String)}, whose
     * revision also grows when one key changes twice in a millisecond.
     */
    public IndicatorObservation.Builder newObservation() {
        Instant now = Instant.ofEpochMilli(revisions.millis());
        return IndicatorObservation.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setDepartment(department)
                .setStatus(ObservationStatus.REPORTED)
                .setObservedAt(now)
                .setPublishedAt(now)
                .setRevision(now.toEpochMilli())
                .setSource(source);
    }

    /**
     * As {@link #newObservation()}, for one key, with the revision {@link #nextRevision} gives it; set at least value
     * and unit.
     */
    public IndicatorObservation.Builder newObservation(String indicator, String area, String period) {
        return newObservation().setIndicator(indicator).setArea(area).setPeriod(period)
                .setRevision(nextRevision(indicator, area, period));
    }

    /**
     * A revision for a new change of this key: the current time in epoch milliseconds, the clock of file rows without
     * a revision and of the database poller, raised when this connector gave the key a revision in the same
     * millisecond already, so that a later change always supersedes an earlier one at the hub.
     */
    public long nextRevision(String indicator, String area, String period) {
        return revisions.next(RecordKeys.valueKey(indicator, area, period));
    }

    /** True when observations go through a spool file (see {@link Builder#spool(Path)}). */
    public boolean spools() {
        return spoolSender != null;
    }

    /**
     * Sends one observation; the future completes once the broker has stored it. The value is brought to the
     * wire's scale of 12 decimal places (a value needing more is refused: check with {@code ObservationRules} first).
     * With a spool, the observation is in the spool file when this method returns.
     *
     * @throws IllegalArgumentException when the observation names another department
     */
    public CompletableFuture<RecordMetadata> publish(IndicatorObservation observation) {
        return publishEach(List.of(observation)).get(0);
    }

    /** Sends observations in order; the future completes once the broker has stored all of them. */
    public CompletableFuture<List<RecordMetadata>> publishAll(List<IndicatorObservation> observations) {
        List<CompletableFuture<RecordMetadata>> sends = publishEach(observations);
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(done -> sends.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Sends observations in order, with one future per observation (completed when the broker has stored it), e.g.
     * to show progress. With a spool, all of them are written to the spool file at once.
     */
    public List<CompletableFuture<RecordMetadata>> publishEach(List<IndicatorObservation> observations) {
        List<IndicatorObservation> wire = new ArrayList<>(observations.size());
        for (IndicatorObservation observation : observations) {
            if (!department.equals(observation.getDepartment())) {
                throw new IllegalArgumentException("this connector publishes for department " + department + ", not "
                        + observation.getDepartment());
            }
            wire.add(atWireScale(observation));
        }
        if (spoolSender != null) {
            return spoolSender.add(wire);
        }
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(wire.size());
        for (IndicatorObservation observation : wire) {
            sends.add(send(observation));
        }
        return sends;
    }

    private CompletableFuture<RecordMetadata> send(IndicatorObservation wire) {
        String key = RecordKeys.valueKey(wire.getIndicator(), wire.getArea(), wire.getPeriod());
        CompletableFuture<RecordMetadata> stored = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, wire), (metadata, error) -> {
                if (error != null) {
                    stored.completeExceptionally(error);
                } else {
                    stored.complete(metadata);
                }
            });
        } catch (RuntimeException notSent) {
            stored.completeExceptionally(notSent);
        }
        return stored;
    }

    /**
     * Starts following this department's receipts, {@code dmhub.receipts.<DEPARTMENT>}, from now on. Open it before
     * publishing, then wait for the receipts of what the broker stored:
     *
     * <pre>{@code
     * try (ReceiptWatch watch = connector.watchReceipts()) {
     *     List<RecordMetadata> stored = connector.publishAll(observations).join();
     *     Receipts receipts = watch.await(StoredObservation.all(observations, stored), Duration.ofMinutes(1), received -> { });
     *     receipts.allApplied();   // every observation accepted, or already known to the hub
     * }
     * }</pre>
     *
     * @throws org.dmhub.connector.receipt.NoReceiptsTopicException when the broker has no receipts topic for the
     *     department
     */
    public ReceiptWatch watchReceipts() {
        return KafkaReceiptWatch.open(bootstrapServers, serdes, topics.receipts(department), consumerConfig, timeout);
    }

    /** How many observations wait in the spool for the broker (0 without a spool). */
    public long spooled() {
        return spoolSender == null ? 0 : spoolSender.pending();
    }

    /**
     * Why the broker refuses what the spool sends (the credentials, or the access rights of the department's user), when
     * it refused the last send; empty while it accepts them, or without a spool (the sends' futures fail instead).
     */
    public Optional<Exception> refusal() {
        return spoolSender == null ? Optional.empty() : spoolSender.refusal();
    }

    /**
     * Waits until every observation published so far, including those a previous process left in the spool, has
     * been acknowledged; false when {@code timeout} passed first (they stay spooled and keep being sent).
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        if (spoolSender != null) {
            return spoolSender.awaitEmpty(timeout);
        }
        producer.flush();
        return true;
    }

    /** Waits until every observation published so far has been acknowledged (or, without a spool, has failed). */
    public void flush() {
        if (spoolSender == null) {
            producer.flush();
            return;
        }
        try {
            while (!spoolSender.awaitEmpty(Duration.ofMinutes(1))) {
                // keeps waiting: the spool is sent whenever the broker is back
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the connector. With a spool, sends still unacknowledged after the builder's timeout stay in the spool
     * file; their futures fail with {@link StillSpooledException}.
     */
    @Override
    public void close() {
        if (spoolSender != null) {
            spoolSender.close(timeout);
        } else {
            producer.close();
        }
    }

    private static IndicatorObservation atWireScale(IndicatorObservation observation) {
        if (observation.getValue() == null || observation.getValue().scale() == Decimals.SCALE
                || Decimals.exceedsScale(observation.getValue())) {
            return observation;
        }
        return IndicatorObservation.newBuilder(observation).setValue(Decimals.toWireScale(observation.getValue())).build();
    }

    public static final class Builder {

        private String bootstrapServers;
        private String registryUrl;
        private String department;
        private String source = "dmhub-connector";
        private Topics topics = Topics.withDefaultPrefix();
        private Duration timeout = Duration.ofSeconds(30);
        private final Map<String, Object> extraProducerConfig = new HashMap<>();
        private Path spoolFolder;
        private KafkaCredentials credentials;

        private Builder() {
        }

        /** The Kafka brokers, e.g. {@code kafka1:9092,kafka2:9092}. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** The schema registry's base URL, e.g. {@code http://registry:8081}. */
        public Builder registryUrl(String registryUrl) {
            this.registryUrl = registryUrl;
            return this;
        }

        /** The department code, as in the framework (e.g. {@code STC}). */
        public Builder department(String department) {
            this.department = department;
            return this;
        }

        /** The name of the sending system, written on observations made with {@link #newObservation()}. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Topics under another prefix than {@code dmhub.}. */
        public Builder topics(Topics topics) {
            this.topics = topics;
            return this;
        }

        /**
         * The prefix of the hub's topic names, as the hub's {@code dmhub.topic-prefix} ({@code dmhub.} by default, as
         * there): letters, digits, {@code .}, {@code _} and {@code -}.
         *
         * @throws IllegalArgumentException when the prefix holds anything else
         */
        public Builder topicPrefix(String prefix) {
            try {
                return topics(new Topics(prefix));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("topicPrefix '" + prefix + "' is not a topic prefix: letters, digits, '.',"
                        + " '_' and '-' only, as the hub's dmhub.topic-prefix (by default " + Topics.DEFAULT_PREFIX + ")", invalid);
            }
        }

        /**
         * A folder for the durable spool (created if missing; one connector process at a time per folder). Without
         * one, observations are sent straight to the broker and lost if the process ends before it acknowledges them.
         */
        public Builder spool(Path folder) {
            this.spoolFolder = folder;
            return this;
        }

        /**
         * How long a send may wait for the broker's metadata before failing, and, with a spool, how long closing waits
         * for unacknowledged sends (30 s by default).
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * The department's user name and password in the hub's secure mode (none by default). With them the connector
         * registers no schema: the focal point's release must have registered the one it writes, or publishing fails
         * with {@link org.dmhub.contract.SchemaNotRegisteredException}.
         */
        public Builder credentials(KafkaCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Any further producer setting, e.g. security ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). */
        public Builder producerConfig(String name, Object value) {
            extraProducerConfig.put(name, value);
            return this;
        }

        public DmConnector build() {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(registryUrl, "registryUrl");
            Objects.requireNonNull(department, "department");
            Objects.requireNonNull(source, "source");
            return new DmConnector(this);
        }
    }
}
