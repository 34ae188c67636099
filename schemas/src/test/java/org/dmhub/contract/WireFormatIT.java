package org.dmhub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.testsupport.ConfluentWireDecoder;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Any Confluent-compatible client must be able to read our topics with nothing but the registry URL: values are
 * 0x00, a 4-byte schema id the registry's Confluent API resolves, then plain Avro binary.
 */
@EmbeddedKafka(partitions = 1)
class WireFormatIT {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();


    @Test
    void observationIsWrittenInTheConfluentWireFormat(EmbeddedKafkaBroker broker) throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        String topic = Topics.withDefaultPrefix().observations("STC").name();
        IndicatorObservation sent = observation(new BigDecimal("123456789012345678.123456789012"));

        Map<String, Object> producerConfig = new HashMap<>(serdes.producerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "NS-01|25747|2026-10", sent)).get();
        }

        byte[] bytes = WireFormatIT.<byte[]>readOne(broker, topic, ByteArrayDeserializer.class).value();

        assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
        IndicatorObservation decoded = new ConfluentWireDecoder(registry.ccompatUrl()).decode(bytes, IndicatorObservation.class);

        assertThat(decoded).isEqualTo(sent);
        assertThat(decoded.getValue()).isEqualByComparingTo("123456789012345678.123456789012");
        assertThat(decoded.getUnit()).isEqualTo("tỷ đồng");
        assertThat(subjects()).contains(topic + "-value");
    }

    @Test
    void sharedDeserializerReadsWhatTheSharedSerializerWrote(EmbeddedKafkaBroker broker) throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        String topic = Topics.withDefaultPrefix().observations("SKHDT").name();
        IndicatorObservation sent = observation(new BigDecimal("0.000000000001"));

        Map<String, Object> producerConfig = new HashMap<>(serdes.producerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "NS-01|25747|2026-10", sent)).get();
        }

        Map<String, Object> consumerConfig = new HashMap<>(serdes.consumerConfig());
        consumerConfig.putAll(plainConsumerConfig(broker));
        try (KafkaConsumer<String, IndicatorObservation> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            assertThat(pollOne(consumer).value()).isEqualTo(sent);
        }
    }

    @Test
    void clientsRegisteringTheSameNewSchemaAtOnceAllGetItsId() throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        IndicatorObservation sent = observation(new BigDecimal("1.5"));
        for (int round = 0; round < 5; round++) {
            String topic = "dmhub.observations.CONCURRENT" + round;
            List<Callable<byte[]>> clients = new ArrayList<>();
            for (int client = 0; client < 6; client++) {
                clients.add(() -> serdes.valueSerde(IndicatorObservation.class).serializer().serialize(topic, sent));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            try {
                List<byte[]> framed = new ArrayList<>();
                for (Future<byte[]> written : pool.invokeAll(clients)) {
                    framed.add(written.get());
                }
                assertThat(framed).extracting(bytes -> Arrays.toString(Arrays.copyOf(bytes, 5)))
                        .as("one schema id for every client").containsOnly(Arrays.toString(Arrays.copyOf(framed.get(0), 5)));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static IndicatorObservation observation(BigDecimal value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return IndicatorObservation.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIndicator("NS-01")
                .setDepartment("STC")
                .setArea("25747")
                .setPeriod("2026-10")
                .setValue(value.setScale(12))
                .setUnit("tỷ đồng")
                .setRevision(3L)
                .setStatus(ObservationStatus.REPORTED)
                .setObservedAt(now)
                .setPublishedAt(now)
                .setSource("Phần mềm kế toán ngân sách")
                .setComment("Số liệu ước tính tháng 10")
                .build();
    }

    private static <V> ConsumerRecord<String, V> readOne(EmbeddedKafkaBroker broker, String topic,
            Class<?> valueDeserializer) {
        Map<String, Object> config = plainConsumerConfig(broker);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            return pollOne(consumer);
        }
    }

    private static Map<String, Object> plainConsumerConfig(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "wire-format-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    private static <V> ConsumerRecord<String, V> pollOne(KafkaConsumer<String, V> consumer) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                return record;
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    private static String subjects() throws Exception {
        return get(registry.ccompatUrl() + "/subjects");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }
}
