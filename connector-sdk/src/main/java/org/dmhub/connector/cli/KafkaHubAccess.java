package org.dmhub.connector.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.connector.receipt.KafkaReceiptWatch;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.SchemaNotRegisteredException;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.schemas.IndicatorObservation;

/** The real broker and schema registry. */
final class KafkaHubAccess implements HubAccess {

    /** Long enough for a slow provincial network, short enough that a wrong address is reported quickly. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** How often a long publish reports how many observations are stored. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);

    @Override
    public CatalogSnapshot loadCatalog(ConnectionSettings settings) {
        RegistrySerdes serdes = reachableRegistry(settings);
        try {
            return CatalogSnapshot.load(settings.bootstrapServers(), serdes, settings.topics(), CONNECT_TIMEOUT, settings.clientConfig());
        } catch (TimeoutException unreachable) {
            throw brokerUnreachable(settings, unreachable);
        }
    }

    /**
     * Writes the observations to the spool, then waits while the broker stores them. Gives up when nothing more is
     * stored for {@link #CONNECT_TIMEOUT}: what is left stays in the spool for {@code send} or the next command.
     */
    @Override
    public List<StoredObservation> publish(ConnectionSettings settings, List<IndicatorObservation> observations, LongConsumer stored) {
        try (DmConnector connector = openConnector(settings)) {
            AtomicLong acknowledged = new AtomicLong();
            List<CompletableFuture<RecordMetadata>> sends = connector.publishEach(observations);
            sends.forEach(send -> send.thenRun(acknowledged::incrementAndGet));
            CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
            long lastCount = -1;
            long lastSpooled = Long.MAX_VALUE;
            Instant lastProgress = Instant.now();
            while (!waitFor(all, PROGRESS_INTERVAL)) {
                long count = acknowledged.get();
                long spooled = connector.spooled();
                stored.accept(count);
                // progress: this file's rows stored, or what an earlier run left in the spool leaving it first
                if (count != lastCount || spooled < lastSpooled) {
                    lastCount = count;
                    lastSpooled = spooled;
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(CONNECT_TIMEOUT) > 0) {
                    String why = connector.refusal().filter(AuthorizationException.class::isInstance)
                            .map(refused -> "the broker does not allow this: " + refused.getMessage() + " (ask the focal point for"
                                    + " the rights of your user)")
                            .orElse("the broker at " + settings.bootstrapServers() + " is unreachable or the topic does not exist"
                                    + " (the focal point creates it when department " + settings.department() + " is in the framework)");
                    throw new UserError(ExitCodes.UNREACHABLE, count + " of " + observations.size() + " rows are stored on "
                            + connector.topic() + "; nothing more could be stored for " + CONNECT_TIMEOUT.toSeconds()
                            + " s: " + why + ". The other " + (observations.size() - count) + " rows wait in the spool "
                            + settings.spool() + " and are sent by 'send' or the next publish or poll");
                }
            }
            all.join();
            // every future completed normally; the counting callbacks may still be running
            stored.accept(sends.size());
            return StoredObservation.all(observations, sends.stream().map(CompletableFuture::join).toList());
        }
    }

    @Override
    public ReceiptWatch watchReceipts(ConnectionSettings settings) {
        RegistrySerdes serdes = reachableRegistry(settings);
        try {
            return KafkaReceiptWatch.open(settings.bootstrapServers(), serdes, settings.topics().receipts(settings.department()),
                    settings.clientConfig(), CONNECT_TIMEOUT);
        } catch (TimeoutException unreachable) {
            throw brokerUnreachable(settings, unreachable);
        }
    }

    @Override
    public DmConnector openConnector(ConnectionSettings settings) {
        RegistrySerdes serdes = reachableRegistry(settings);
        if (settings.credentials() != null) {
            // the secure mode's connector registers nothing: say so now rather than keep the rows spooled for ever
            try {
                serdes.requireRegistered(settings.topics().observations(settings.department()));
            } catch (SchemaNotRegisteredException notRegistered) {
                throw new UserError(ExitCodes.UNREACHABLE, notRegistered.getMessage());
            }
        }
        return DmConnector.builder()
                .bootstrapServers(settings.bootstrapServers())
                .registryUrl(settings.registryUrl())
                .department(settings.department())
                .topics(settings.topics())
                .source(settings.source())
                .spool(settings.spool())
                .credentials(settings.credentials())
                .timeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public void read(ConnectionSettings settings, TopicDefinition<?> topic, Duration quietFor, Consumer<Object> printer) {
        RegistrySerdes serdes = reachableRegistry(settings);
        Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
        config.putAll(settings.clientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dmhub-connector-read-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the hub writes with exactly-once transactions: print only what they committed
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic.name(), CONNECT_TIMEOUT)) {
                partitions.add(new TopicPartition(partition.topic(), partition.partition()));
            }
            if (partitions.isEmpty()) {
                throw new UserError(ExitCodes.USAGE, "topic " + topic.name() + " does not exist on " + settings.bootstrapServers()
                        + "; the hub creates it when it starts");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant lastRecord = Instant.now();
            while (Duration.between(lastRecord, Instant.now()).compareTo(quietFor) < 0) {
                ConsumerRecords<String, Object> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, Object> record : records) {
                    if (record.value() != null) {
                        printer.accept(record.value());
                    }
                }
                if (!records.isEmpty()) {
                    lastRecord = Instant.now();
                }
            }
        } catch (TimeoutException unreachable) {
            throw brokerUnreachable(settings, unreachable);
        }
    }

    /** True once {@code future} is done (successfully or not), false when it is still running after {@code atMost}. */
    private static boolean waitFor(CompletableFuture<?> future, Duration atMost) {
        try {
            future.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException running) {
            return false;
        } catch (ExecutionException | CancellationException done) {
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UserError(ExitCodes.UNREACHABLE, "interrupted while waiting for the broker to store the observations");
        }
    }

    /** Fails fast with a clear message instead of the serializer's retries when the registry is down. */
    private static RegistrySerdes reachableRegistry(ConnectionSettings settings) {
        RegistrySerdes serdes;
        try {
            serdes = new RegistrySerdes(settings.registryUrl());
        } catch (IllegalArgumentException wrongUrl) {
            throw new UserError(ExitCodes.USAGE, wrongUrl.getMessage());
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(serdes.registryApiUrl() + "/system/info"))
                .timeout(CONNECT_TIMEOUT).build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException | IllegalArgumentException unreachable) {
            throw new UserError(ExitCodes.UNREACHABLE, "cannot reach the schema registry at " + settings.registryUrl() + ": "
                    + describe(unreachable) + "; check --registry-url and that the registry is running");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UserError(ExitCodes.UNREACHABLE, "interrupted while contacting the schema registry");
        }
        return serdes;
    }

    private static UserError brokerUnreachable(ConnectionSettings settings, TimeoutException timeout) {
        return new UserError(ExitCodes.UNREACHABLE, "cannot reach the Kafka broker at " + settings.bootstrapServers() + " within "
                + CONNECT_TIMEOUT.toSeconds() + " s; check --bootstrap-servers and that the broker is running ("
                + timeout.getMessage() + ")");
    }

    private static String describe(Exception exception) {
        if (exception instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    }
}
