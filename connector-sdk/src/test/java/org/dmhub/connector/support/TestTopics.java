package org.dmhub.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;

/** Writing the catalog and reading department topics as the hub would, with the shared serdes, for the integration tests. */
public final class TestTopics {

    public static final Topics TOPICS = Topics.withDefaultPrefix();

    private TestTopics() {
    }

    private static final Set<String> CATALOGUED_BROKERS = ConcurrentHashMap.newKeySet();

    /** The catalog topics and the given ones, with one partition each, on a broker that creates none by itself. */
    public static void createCatalogTopicsAnd(String bootstrap, String... topics) throws Exception {
        List<NewTopic> created = new ArrayList<>();
        TOPICS.catalogTopics().forEach(topic -> created.add(new NewTopic(topic.name(), 1, (short) 1)));
        for (String topic : topics) {
            created.add(new NewTopic(topic, 1, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(created).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** The sample framework as the focal point would publish it; once per broker and prefix. */
    public static void publishCatalog(String bootstrap, String registryUrl) {
        publishCatalog(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new RegistrySerdes(registryUrl));
    }

    /** As {@link #publishCatalog(String, String)}, on the catalog topics of {@code topics} (another prefix). */
    public static void publishCatalog(String bootstrap, String registryUrl, Topics topics) {
        publishCatalog(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new RegistrySerdes(registryUrl), topics);
    }

    /** As {@link #publishCatalog(String, String)}, through {@code serdes} (e.g. without auto-registration). */
    public static void publishCatalog(String bootstrap, RegistrySerdes serdes) {
        publishCatalog(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), serdes);
    }

    /** As {@link #publishCatalog(String, String)}, with the client settings of a secure broker (bootstrap servers included). */
    public static void publishCatalog(Map<String, Object> clientConfig, String registryUrl) {
        publishCatalog(clientConfig, new RegistrySerdes(registryUrl));
    }

    private static void publishCatalog(Map<String, Object> clientConfig, RegistrySerdes serdes) {
        publishCatalog(clientConfig, serdes, TOPICS);
    }

    private static void publishCatalog(Map<String, Object> clientConfig, RegistrySerdes serdes, Topics topics) {
        if (!CATALOGUED_BROKERS.add(clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " " + topics.prefix())) {
            return;
        }
        SampleFramework.INDICATORS.forEach(indicator -> send(clientConfig, serdes, topics.indicators().name(), indicator.getCode(),
                indicator));
        SampleFramework.AREAS.forEach(area -> send(clientConfig, serdes, topics.areas().name(), area.getCode(), area));
        SampleFramework.DEPARTMENTS.forEach(department -> send(clientConfig, serdes, topics.departments().name(),
                department.getCode(), department));
    }

    /** One record, with its own producer (the registry serializer registers per topic). */
    public static void send(String bootstrap, String registryUrl, String topic, String key, SpecificRecord value) {
        send(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new RegistrySerdes(registryUrl), topic, key, value);
    }

    private static void send(Map<String, Object> clientConfig, RegistrySerdes serdes, String topic, String key, SpecificRecord value) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putAll(serdes.producerConfig());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception failed) {
            throw new AssertionError("could not publish to " + topic, failed);
        }
    }

    /**
     * The observations of a department topic (partition 0) matching {@code wanted}, from the beginning, once
     * {@code expected} of them were read and nothing more arrived for a second; checks each record's key.
     */
    public static List<IndicatorObservation> readObservations(String bootstrap, String registryUrl, String topic,
            Predicate<IndicatorObservation> wanted, int expected) {
        return readObservations(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registryUrl, topic, wanted, expected);
    }

    /** As {@link #readObservations(String, String, String, Predicate, int)}, with the client settings of a secure broker. */
    public static List<IndicatorObservation> readObservations(Map<String, Object> clientConfig, String registryUrl, String topic,
            Predicate<IndicatorObservation> wanted, int expected) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putAll(new RegistrySerdes(registryUrl).consumerConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<IndicatorObservation> read = new ArrayList<>();
        try (KafkaConsumer<String, IndicatorObservation> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(30);
            Instant lastRecord = Instant.now();
            while (Instant.now().isBefore(deadline)
                    && (read.size() < expected || Duration.between(lastRecord, Instant.now()).toMillis() < 1000)) {
                for (ConsumerRecord<String, IndicatorObservation> record : consumer.poll(Duration.ofMillis(200))) {
                    IndicatorObservation observation = record.value();
                    if (wanted.test(observation)) {
                        assertThat(record.key()).isEqualTo(RecordKeys.valueKey(observation.getIndicator(), observation.getArea(),
                                observation.getPeriod()));
                        read.add(observation);
                        lastRecord = Instant.now();
                    }
                }
            }
        }
        assertThat(read).hasSize(expected);
        return read;
    }
}
