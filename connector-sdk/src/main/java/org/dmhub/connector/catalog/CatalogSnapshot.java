package org.dmhub.connector.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.dmhub.contract.RegistryAvroDeserializer;
import org.apache.kafka.common.errors.TimeoutException;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.CatalogLookup;

/**
 * The provincial framework as the focal point last published it: the three compacted catalog topics read from
 * their beginning to their current end. A connector checks its observations against this copy before sending.
 * A record that is not what its topic holds is left out (and counted), as the hub leaves it out: anyone who can
 * write a catalog topic must not be able to stop every connector.
 */
public final class CatalogSnapshot implements CatalogLookup {

    private final Map<String, IndicatorDefinition> indicators;
    private final Map<String, AdminArea> areas;
    private final Map<String, Department> departments;
    private final int skippedRecords;

    private CatalogSnapshot(Map<String, IndicatorDefinition> indicators, Map<String, AdminArea> areas,
            Map<String, Department> departments, int skippedRecords) {
        this.indicators = Map.copyOf(indicators);
        this.areas = Map.copyOf(areas);
        this.departments = Map.copyOf(departments);
        this.skippedRecords = skippedRecords;
    }

    /** How many records of the catalog topics were left out because they are not what their topic holds. */
    public int skippedRecords() {
        return skippedRecords;
    }

    /** A snapshot of given entries, e.g. for tests or a framework loaded some other way. */
    public static CatalogSnapshot of(Collection<IndicatorDefinition> indicators, Collection<AdminArea> areas,
            Collection<Department> departments) {
        Map<String, IndicatorDefinition> indicatorsByCode = new HashMap<>();
        indicators.forEach(indicator -> indicatorsByCode.put(indicator.getCode(), indicator));
        Map<String, AdminArea> areasByCode = new HashMap<>();
        areas.forEach(area -> areasByCode.put(area.getCode(), area));
        Map<String, Department> departmentsByCode = new HashMap<>();
        departments.forEach(department -> departmentsByCode.put(department.getCode(), department));
        return new CatalogSnapshot(indicatorsByCode, areasByCode, departmentsByCode, 0);
    }

    /**
     * Reads the catalog topics up to their end offsets as they are when this starts.
     *
     * @param timeout how long to wait for the broker before giving up with a {@link TimeoutException}
     */
    public static CatalogSnapshot load(String bootstrapServers, RegistrySerdes serdes, Topics topics, Duration timeout) {
        return load(bootstrapServers, serdes, topics, timeout, Map.of());
    }

    /**
     * As {@link #load(String, RegistrySerdes, Topics, Duration)}, with further consumer settings, e.g. the secure
     * mode's {@code KafkaCredentials.clientConfig()}.
     */
    public static CatalogSnapshot load(String bootstrapServers, RegistrySerdes serdes, Topics topics, Duration timeout,
            Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
        config.putAll(clientConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dmhub-connector-catalog-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only what the focal point's writes committed: an aborted transaction's records are never part of the framework
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Map<String, SpecificRecord>> byTopic = new HashMap<>();
        Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : topics.catalogTopics()) {
                byTopic.put(topic.name(), new HashMap<>());
                decoders.put(topic.name(), serdes.valueSerde(topic).deserializer());
                for (PartitionInfo partition : consumer.partitionsFor(topic.name(), timeout)) {
                    partitions.add(new TopicPartition(partition.topic(), partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, endOffsets)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("the catalog topics could not be read to their end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, SpecificRecord> entries = byTopic.get(record.topic());
                    if (record.key() == null) {
                        skipped++;
                    } else if (record.value() == null) {
                        entries.remove(record.key()); // a tombstone: the entry was removed from the framework
                    } else {
                        SpecificRecord value = decode(decoders.get(record.topic()), record);
                        if (value == null) {
                            skipped++;
                        } else {
                            entries.put(record.key(), value);
                        }
                    }
                }
            }
        }
        return new CatalogSnapshot(values(byTopic, topics.indicators().name(), IndicatorDefinition.class),
                values(byTopic, topics.areas().name(), AdminArea.class),
                values(byTopic, topics.departments().name(), Department.class), skipped);
    }

    /** The record's value, or null when it is not what its topic holds; a registry that cannot be reached throws. */
    private static SpecificRecord decode(Deserializer<? extends SpecificRecord> decoder, ConsumerRecord<String, byte[]> record) {
        try {
            return decoder.deserialize(record.topic(), record.value());
        } catch (RegistryAvroDeserializer.RegistryUnavailableException unavailable) {
            throw unavailable;
        } catch (SerializationException notAValue) {
            return null;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static <V> Map<String, V> values(Map<String, Map<String, SpecificRecord>> byTopic, String topic, Class<V> type) {
        Map<String, V> values = new HashMap<>();
        byTopic.get(topic).forEach((key, value) -> values.put(key, type.cast(value)));
        return values;
    }

    @Override
    public Optional<IndicatorDefinition> indicator(String code) {
        return Optional.ofNullable(indicators.get(code));
    }

    @Override
    public Optional<AdminArea> area(String code) {
        return Optional.ofNullable(areas.get(code));
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(departments.get(code));
    }

    /** The active and retired indicators a department owns, by code. */
    public List<IndicatorDefinition> indicatorsOf(String department) {
        return indicators.values().stream()
                .filter(indicator -> indicator.getOwner().equals(department))
                .sorted((a, b) -> a.getCode().compareTo(b.getCode()))
                .toList();
    }

    public boolean isEmpty() {
        return indicators.isEmpty() && departments.isEmpty();
    }
}
