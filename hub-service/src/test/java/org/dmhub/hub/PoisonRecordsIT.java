package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Whatever a client writes where the broker lets it, the hub refuses it with a reason and goes on: for each kind of
 * bad input, the bad record is sent, then a valid observation of the same key, which must reach the view; the
 * health endpoint is UP again (nothing stopped, no stream thread keeps failing); the bad record is on the rejected topic with
 * its reason, and the sender's receipts say what happened.
 */
// the context is closed with the class: a hub left running would keep working, against a registry that is gone
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class PoisonRecordsIT {

    private static final RegistryProcess registry = RegistryProcess.startInTempDir();
    private static final Path SAMPLE_FRAMEWORK = Path.of("../deploy/local/sample-framework.yaml");
    private static final Topics TOPICS = Topics.withDefaultPrefix();
    private static final String KEY = "NS-01|25747|2026-10";
    private static final String STC = TOPICS.observations("STC").name();
    /** Created with another partition count than the hub's before the framework is applied. */
    private static final String SKHDT_WITH_12_PARTITIONS = TOPICS.observations("SKHDT").name();
    private static final AtomicLong revisions = new AtomicLong();

    private static KafkaProducer<byte[], byte[]> raw;
    private static KafkaProducer<String, SpecificRecord> avro;
    private static KafkaConsumer<String, SpecificRecord> reader;
    private static final List<SpecificRecord> rejectedAndReceipts = new ArrayList<>();

    @DynamicPropertySource
    static void hubSettings(DynamicPropertyRegistry properties) {
        properties.add("dmhub.registry-url", () -> registry.baseUrl());
        properties.add("spring.kafka.streams.state-dir", () -> "target/streams-state/" + System.nanoTime());
        properties.add("dmhub.rollup.emit-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @BeforeAll
    static void connectAndApplyTheSampleFramework(@Autowired EmbeddedKafkaBroker broker, @Autowired Environment environment)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(SKHDT_WITH_12_PARTITIONS, 12, (short) 1))).all().get();
        }
        // through the API of the running hub, as the focal point applies it (after the topic above: it is kept)
        HttpResponse<String> applied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/api/catalog"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SAMPLE_FRAMEWORK))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> rawConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        raw = new KafkaProducer<>(rawConfig, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> avroConfig = new HashMap<>(serdes.producerConfig());
        avroConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        avroConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        avro = new KafkaProducer<>(avroConfig);
        Map<String, Object> readerConfig = new HashMap<>(serdes.consumerConfig());
        readerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        readerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-suite");
        readerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader = new KafkaConsumer<>(readerConfig);
        reader.subscribe(List.of(TOPICS.rejected().name(), TOPICS.receipts("STC").name()));
    }

    @AfterAll
    static void close() {
        raw.close();
        avro.close();
        reader.close();
        registry.close();
    }

    @Test
    void bytesThatAreNotTheWireFormatAndANullValue() throws Exception {
        sendRaw(STC, KEY, "not Avro at all".getBytes(StandardCharsets.UTF_8));
        sendRaw(STC, KEY, null);

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.UNDECODABLE)
                && rejection.getRawPayload() != null && rejection.getRawSize() == 15);
        nextValidObservationGoesThrough();
    }

    @Test
    void anUnknownSchemaIdATruncatedBodyAndADeclaredLengthFarBeyondTheRecord() throws Exception {
        byte[] valid = serialized(observation(1, "1"));
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(999_999);
        sendRaw(STC, KEY, unknownId);
        sendRaw(STC, KEY, Arrays.copyOf(valid, valid.length / 2));
        // the eventId claims half a gigabyte in a ten-byte record
        byte[] liar = Arrays.copyOf(valid, 10);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04}, 0, liar, 5, 5);
        sendRaw(STC, KEY, liar);

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.UNDECODABLE) && rejection.getRawSize() == 10);
        nextValidObservationGoesThrough();
    }

    @Test
    void valuesAndKeysNearTheBrokersLimitAreRefusedAsTooLargeWithABoundedPrefix() throws Exception {
        byte[] huge = new byte[1_000_000];
        System.arraycopy(serialized(observation(1, "1")), 0, huge, 0, 100);
        sendRaw(STC, KEY, huge);
        sendRaw(STC, "K".repeat(200_000), serialized(observation(1, "1")));

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.TOO_LARGE) && rejection.getRawSize() == 1_000_000
                && rejection.getRawPayload().remaining() == 4096 && rejection.getRawSha256().length() == 64);
        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.TOO_LARGE)
                && rejection.getDetails().toString().contains("the key has 200000 bytes"));
        nextValidObservationGoesThrough();
    }

    @Test
    void hugeEventIdsOfOneKeyAreRefusedAndNeverGrowItsState() throws Exception {
        for (int copy = 0; copy < 4; copy++) {
            IndicatorObservation observation = observation(revisions.incrementAndGet(), "3");
            observation.setEventId(copy + "e".repeat(300_000));
            avro.send(new ProducerRecord<>(STC, KEY, observation)).get();
        }
        IndicatorObservation withinTheRecordLimit = observation(revisions.incrementAndGet(), "3");
        withinTheRecordLimit.setEventId("e".repeat(1_000));
        avro.send(new ProducerRecord<>(STC, KEY, withinTheRecordLimit)).get();

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.TOO_LARGE)
                && rejection.getDetails().toString().contains("the record has 3000"));
        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.TOO_LARGE)
                && rejection.getDetails().toString().contains("eventId has 1000 characters; at most 128"));
        nextValidObservationGoesThrough();
    }

    @Test
    void aDecimalOfFiveThousandDigitsIsRefusedAndItsRefusalStillPublished() throws Exception {
        sendRaw(STC, KEY, withUnscaledValue(observation(revisions.incrementAndGet(), "1"), BigInteger.TEN.pow(5_000)));

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.PRECISION_EXCEEDED)
                && rejection.getObservation() == null && rejection.getRawSize() > 2_000);
        assertReceipt(receipt -> receipt.getOutcome() == ReceiptOutcome.REJECTED
                && receipt.getReasons().contains(RejectionReason.PRECISION_EXCEEDED));
        nextValidObservationGoesThrough();
    }

    @Test
    void aRevisionFarInTheFutureIsRefusedSoItCannotFreezeTheKey() throws Exception {
        IndicatorObservation future = observation(System.currentTimeMillis() * 1000, "77");
        avro.send(new ProducerRecord<>(STC, KEY, future)).get();

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.REVISION_IN_FUTURE));
        assertReceipt(receipt -> receipt.getOutcome() == ReceiptOutcome.REJECTED && future.getEventId().equals(receipt.getEventId()));
        nextValidObservationGoesThrough();
    }

    @Test
    void garbageAndRecordsOfAnotherTypeOnACatalogTopicAreLeftOutAndReported() throws Exception {
        sendRaw(TOPICS.areas().name(), "99998", "not an area".getBytes(StandardCharsets.UTF_8));
        avro.send(new ProducerRecord<>(TOPICS.areas().name(), "99997", new Department("STC", "Sở Tài chính"))).get();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health().path("components").path("catalog")
                .path("details").path("skippedRecords").asLong()).isGreaterThanOrEqualTo(2));
        nextValidObservationGoesThrough();
        assertThat(get("/api/catalog/indicators/NS-01").statusCode()).isEqualTo(200);
    }

    @Test
    void garbageOnAnInternalTopicIsDeadLetteredAndProcessingGoesOn() throws Exception {
        String repartition = "dmhub-hub-by-indicator-period-repartition";
        sendRaw(repartition, "NS-01|2026-10", "written by someone who should not".getBytes(StandardCharsets.UTF_8));

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.PROCESSING_FAILED)
                && rejection.getSourceTopic().equals(repartition));
        nextValidObservationGoesThrough();
        assertThat(health().path("components").path("streams").path("details").path("deadLettered").asLong()).isPositive();
    }

    @Test
    void aDepartmentTopicWithAnotherPartitionCountIsReadLikeAnyOther() throws Exception {
        IndicatorObservation enterprises = HubTopologyDriver.observation("SKHDT", "DN-01", "25747", "2026-10", "12", "doanh nghiệp",
                revisions.incrementAndGet());
        avro.send(new ProducerRecord<>(SKHDT_WITH_12_PARTITIONS, 11, "DN-01|25747|2026-10", enterprises)).get();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(value("/api/values/DN-01/2026-10?area=25747")).isEqualByComparingTo("12"));
        nextValidObservationGoesThrough();
    }

    @Test
    void aSchemaInTheRegistryThatJavaAvroCannotParseRefusesTheRecord() throws Exception {
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(new RegistrySerdes(registry.baseUrl()).registryApiUrl() + "/groups/default/artifacts"))
                .header("Content-Type", "application/json").header("X-Registry-ArtifactType", "AVRO")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"record\", \"name\": \"IndicatorObservation\", "
                        + "\"namespace\": \"org.dmhub.schemas\", \"fields\": [{\"name\": \"x\", \"type\": \"no-such-type\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        int contentId = new ObjectMapper().readTree(stored.body()).path("contentId").asInt();
        byte[] record = serialized(observation(1, "1"));
        ByteBuffer.wrap(record, 1, 4).putInt(contentId);
        sendRaw(STC, KEY, record);

        assertRefused(rejection -> rejection.getReasons().contains(RejectionReason.UNDECODABLE)
                && rejection.getRawSize() == record.length);
        nextValidObservationGoesThrough();
    }

    /** A valid observation of the same key, with a new revision and value, reaches the view; nothing has stopped. */
    private void nextValidObservationGoesThrough() throws Exception {
        long revision = revisions.incrementAndGet();
        IndicatorObservation valid = observation(revision, Long.toString(revision));
        avro.send(new ProducerRecord<>(STC, KEY, valid)).get();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(value("/api/values/NS-01/2026-10?area=25747")).isEqualByComparingTo(Long.toString(revision)));
        assertReceipt(receipt -> receipt.getOutcome() == ReceiptOutcome.ACCEPTED && valid.getEventId().equals(receipt.getEventId())
                && receipt.getWinningRevision() == revision);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(health().path("status").asString()).as(health().toString()).isEqualTo("UP"));
        // Kafka Streams may replace a thread once when a topic appears (pattern subscription); none keeps failing
        assertThat(health().path("components").path("streams").path("details").has("lastFailure"))
                .as(health().toString()).isFalse();
    }

    private void assertRefused(Predicate<ObservationRejected> match) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            pollRejectedAndReceipts();
            return rejectedAndReceipts.stream().anyMatch(record -> record instanceof ObservationRejected rejection && match.test(rejection));
        });
    }

    private void assertReceipt(Predicate<ObservationReceipt> match) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            pollRejectedAndReceipts();
            return rejectedAndReceipts.stream().anyMatch(record -> record instanceof ObservationReceipt receipt && match.test(receipt));
        });
    }

    private static synchronized void pollRejectedAndReceipts() {
        reader.poll(Duration.ofMillis(200)).forEach(record -> rejectedAndReceipts.add(record.value()));
    }

    private void sendRaw(String topic, String key, byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private byte[] serialized(IndicatorObservation observation) {
        try (Serializer<IndicatorObservation> serializer = new RegistrySerdes(registry.baseUrl())
                .valueSerde(IndicatorObservation.class).serializer()) {
            return serializer.serialize(STC, observation);
        }
    }

    /**
     * The observation with a value of any size, written as Avro's binary encoding has it: Java's encoder refuses a
     * decimal beyond its schema's precision, other clients need not.
     */
    private byte[] withUnscaledValue(IndicatorObservation observation, BigInteger unscaled) throws Exception {
        observation.setValue(null);
        byte[] withoutValue = serialized(observation);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(strings, null);
        for (String field : List.of(observation.getEventId(), observation.getIndicator(), observation.getDepartment(),
                observation.getArea(), observation.getPeriod())) {
            encoder.writeString(field);
        }
        int valueAt = 5 + strings.size();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(withoutValue, 0, valueAt);
        BinaryEncoder value = EncoderFactory.get().directBinaryEncoder(record, null);
        value.writeIndex(1);
        value.writeBytes(unscaled.toByteArray());
        value.flush();
        record.write(withoutValue, valueAt + 1, withoutValue.length - valueAt - 1);
        return record.toByteArray();
    }

    private static IndicatorObservation observation(long revision, String value) {
        return HubTopologyDriver.observation("STC", "NS-01", "25747", "2026-10", value, "tỷ đồng", revision);
    }

    private BigDecimal value(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("value").decimalValue();
    }

    private JsonNode health() throws Exception {
        return new ObjectMapper().readTree(get("/actuator/health").body());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
