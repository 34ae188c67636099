package org.dmhub.connector.receipt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.dmhub.contract.RegistryAvroDeserializer.RegistryUnavailableException;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.schemas.ObservationReceipt;

/**
 * Reads a department's receipts topic with a plain consumer: every partition assigned, no consumer group (nothing is
 * committed, any number of connectors may wait at once), only committed transactions (the hub writes receipts
 * exactly once, inside its transactions).
 *
 * <p>It starts at the topic's end as it was when the watch was opened, so it sees every receipt of an observation
 * sent afterwards whatever the clocks of the connector's machine and the hub say. Records that are not receipts, and
 * receipts of other observations, are skipped: they never stop the wait.
 */
public final class KafkaReceiptWatch implements ReceiptWatch {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /**
     * The receipts topic's own deserializer; read through a wildcard and checked with instanceof, so that a record of
     * another contract type is skipped whether the deserializer refuses it or returns it.
     */
    private final Deserializer<?> values;

    private KafkaReceiptWatch(String topic, KafkaConsumer<byte[], byte[]> consumer, Deserializer<?> values) {
        this.topic = topic;
        this.consumer = consumer;
        this.values = values;
    }

    /**
     * Opens a watch at the current end of the receipts topic.
     *
     * @param clientConfig further consumer settings, e.g. the secure mode's login
     * @param timeout how long to wait for the broker's answers while opening
     * @throws NoReceiptsTopicException when the broker has no such topic
     */
    public static KafkaReceiptWatch open(String bootstrapServers, RegistrySerdes serdes, TopicDefinition<ObservationReceipt> receipts,
            Map<String, Object> clientConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
        config.putAll(clientConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dmhub-connector-receipts-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // bytes from the broker, decoded here record by record, so that one bad record is skipped instead of failing the poll
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Deserializer<?> values = serdes.valueSerde(receipts).deserializer();
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(receipts.name(), timeout)) {
                partitions.add(new TopicPartition(partition.topic(), partition.partition()));
            }
            if (partitions.isEmpty()) {
                throw new NoReceiptsTopicException(receipts.name());
            }
            consumer.assign(partitions);
            // with read_committed these are the last stable offsets: at or before anything written from now on
            consumer.endOffsets(partitions, timeout).forEach(consumer::seek);
            return new KafkaReceiptWatch(receipts.name(), consumer, values);
        } catch (RuntimeException failed) {
            consumer.close(Duration.ZERO);
            values.close();
            throw failed;
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Receipts await(List<StoredObservation> stored, Duration timeout, IntConsumer received) {
        Map<Position, StoredObservation> wanted = new HashMap<>();
        stored.forEach(observation -> wanted.put(new Position(observation.topic(), observation.partition(), observation.offset()),
                observation));
        Map<StoredObservation, ObservationReceipt> receipts = new LinkedHashMap<>();
        long unreadable = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        received.accept(0);
        while (receipts.size() < wanted.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            boolean registryAway = false;
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    Object value;
                    try {
                        value = values.deserialize(record.topic(), record.value());
                    } catch (RegistryUnavailableException unavailable) {
                        // the record may be a fine receipt: read it again once the registry answers
                        consumer.seek(partition, record.offset());
                        registryAway = true;
                        break;
                    } catch (RuntimeException notAvro) {
                        unreadable++;
                        continue;
                    }
                    if (value instanceof ObservationReceipt receipt) {
                        StoredObservation observation = wanted.get(new Position(receipt.getSourceTopic(), receipt.getSourcePartition(),
                                receipt.getSourceOffset()));
                        // a receipt of an undecodable record has no eventId; one naming another eventId is not for this send
                        if (observation != null && (receipt.getEventId() == null || receipt.getEventId().equals(observation.eventId()))) {
                            receipts.putIfAbsent(observation, receipt);
                        }
                    } else if (value != null) {
                        unreadable++;
                    }
                }
            }
            received.accept(receipts.size());
            if (registryAway) {
                pause(Math.min(REGISTRY_RETRY.toNanos(), deadline - System.nanoTime()));
            }
        }
        return new Receipts(stored, receipts, unreadable);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        values.close();
    }

    /** Where an observation was stored: what a receipt is looked up by. */
    private record Position(String topic, int partition, long offset) {
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
