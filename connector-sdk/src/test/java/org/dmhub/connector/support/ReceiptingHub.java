package org.dmhub.connector.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;

/**
 * Plays the hub's part for the connector's tests: reads a department topic from its beginning and answers every
 * observation on the department's receipts topic, with the contract's serdes, by the contract's rules (an eventId
 * already applied to its key is a duplicate, a lower revision is stale, the same revision with other content a
 * conflict, the highest revision wins). {@link #refusing} stands for the hub's own checks, {@link #silentFor} for
 * observations the hub has not reached yet, {@link #hostile} puts records on the receipts topic that are not receipts
 * of the observations sent.
 */
public final class ReceiptingHub implements AutoCloseable {

    /** Why the hub refuses an observation. */
    public record Refusal(RejectionReason reason, String detail) {
    }

    private final String bootstrap;
    private final String departmentTopic;
    private final String receiptsTopic;
    private final RegistrySerdes serdes;
    private final Thread thread;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, IndicatorObservation> current = new HashMap<>();
    private final Map<String, Set<String>> applied = new HashMap<>();
    private volatile Function<IndicatorObservation, Optional<Refusal>> refusing = observation -> Optional.empty();
    private volatile Predicate<IndicatorObservation> silentFor = observation -> false;
    private volatile boolean hostile;
    private volatile RuntimeException failure;
    private Serializer<IndicatorObservation> observationBytes;

    public ReceiptingHub(String bootstrap, String registryUrl, String departmentTopic, String receiptsTopic) {
        this.bootstrap = bootstrap;
        this.departmentTopic = departmentTopic;
        this.receiptsTopic = receiptsTopic;
        this.serdes = new RegistrySerdes(registryUrl);
        this.thread = new Thread(this::answer, "receipting-hub");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public ReceiptingHub refusing(Function<IndicatorObservation, Optional<Refusal>> refusing) {
        this.refusing = refusing;
        return this;
    }

    public ReceiptingHub silentFor(Predicate<IndicatorObservation> silentFor) {
        this.silentFor = silentFor;
        return this;
    }

    /** Before each receipt, also writes bytes that are not Avro, another contract record, and receipts of other sends. */
    public ReceiptingHub hostile(boolean hostile) {
        this.hostile = hostile;
        return this;
    }

    private void answer() {
        Map<String, Object> consumerConfig = new HashMap<>(serdes.consumerConfig());
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Object> producerConfig = new HashMap<>(serdes.producerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, Object> rawConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, IndicatorObservation> consumer = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig);
                KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawConfig, new StringSerializer(), new ByteArraySerializer())) {
            observationBytes = serdes.valueSerde(IndicatorObservation.class).serializer();
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(departmentTopic)) {
                partitions.add(new TopicPartition(departmentTopic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopping.get()) {
                for (ConsumerRecord<String, IndicatorObservation> record : consumer.poll(Duration.ofMillis(100))) {
                    if (silentFor.test(record.value())) {
                        continue;
                    }
                    if (hostile) {
                        writeHostileRecords(record, producer, raw);
                    }
                    producer.send(new ProducerRecord<>(receiptsTopic, record.key(), decide(record)));
                }
                producer.flush();
            }
        } catch (RuntimeException failed) {
            if (!stopping.get()) {
                failure = failed;
            }
        }
    }

    private ObservationReceipt decide(ConsumerRecord<String, IndicatorObservation> record) {
        IndicatorObservation observation = record.value();
        IndicatorObservation winning = current.get(record.key());
        Set<String> appliedToKey = applied.computeIfAbsent(record.key(), key -> new HashSet<>());
        ObservationReceipt.Builder receipt = ObservationReceipt.newBuilder()
                .setEventId(observation.getEventId())
                .setKey(record.key())
                .setRevision(observation.getRevision())
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setDecidedAt(Instant.now());
        Optional<Refusal> refusal = refusing.apply(observation);
        if (appliedToKey.contains(observation.getEventId())) {
            receipt.setOutcome(ReceiptOutcome.DUPLICATE).setDetails(List.of("eventId " + observation.getEventId() + " was applied before"));
        } else if (refusal.isPresent()) {
            receipt.setOutcome(ReceiptOutcome.REJECTED).setReasons(List.of(refusal.get().reason()))
                    .setDetails(List.of(refusal.get().detail()));
        } else if (winning != null && observation.getRevision() < winning.getRevision()) {
            receipt.setOutcome(ReceiptOutcome.STALE);
        } else if (winning != null && observation.getRevision() == winning.getRevision()) {
            receipt.setOutcome(ReceiptOutcome.REJECTED).setReasons(List.of(RejectionReason.REVISION_CONFLICT))
                    .setDetails(List.of("revision " + winning.getRevision() + " was applied with other content"));
        } else {
            receipt.setOutcome(ReceiptOutcome.ACCEPTED);
            current.put(record.key(), observation);
            appliedToKey.add(observation.getEventId());
        }
        IndicatorObservation after = current.get(record.key());
        return receipt.setWinningRevision(after == null ? null : after.getRevision()).build();
    }

    private void writeHostileRecords(ConsumerRecord<String, IndicatorObservation> record, KafkaProducer<String, SpecificRecord> producer,
            KafkaProducer<String, byte[]> raw) {
        raw.send(new ProducerRecord<>(receiptsTopic, record.key(), new byte[] {0x7b, 0x22, 0x6e, 0x6f, 0x7d}));
        raw.send(new ProducerRecord<>(receiptsTopic, record.key(), new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2, 3}));
        // the observation itself, in the wire format under its own topic's schema: a contract record, not a receipt
        raw.send(new ProducerRecord<>(receiptsTopic, record.key(), observationBytes.serialize(record.topic(), record.value())));
        ObservationReceipt.Builder other = ObservationReceipt.newBuilder()
                .setKey(record.key())
                .setOutcome(ReceiptOutcome.REJECTED)
                .setReasons(List.of(RejectionReason.UNKNOWN_AREA))
                .setDetails(List.of("not a receipt of this send"))
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setDecidedAt(Instant.now());
        // the same position under another eventId, and an unknown eventId at a position nobody sent to
        producer.send(new ProducerRecord<>(receiptsTopic, record.key(),
                other.setEventId(UUID.randomUUID().toString()).setSourceOffset(record.offset()).build()));
        producer.send(new ProducerRecord<>(receiptsTopic, record.key(),
                other.setEventId(UUID.randomUUID().toString()).setSourceOffset(record.offset() + 1_000_000).build()));
    }

    @Override
    public void close() {
        stopping.set(true);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("the receipting hub failed", failure);
        }
    }
}
