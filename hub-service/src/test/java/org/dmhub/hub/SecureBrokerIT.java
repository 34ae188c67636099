package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.BrokerProcess;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The secure mode at the broker: one broker with SASL_SSL, SCRAM-SHA-512 and the StandardAuthorizer (nothing allowed
 * without an ACL), the packaged hub logged in as its own principal, which is not a super user, with only the rights
 * the access policy gives it; the principals of the departments and the national consumer made by the hub.
 */
class SecureBrokerIT {

    private static final Topics TOPICS = Topics.withDefaultPrefix();
    private static final String ADMIN = "focal";
    private static final String ADMIN_PASSWORD = randomPassword();
    private static final String HUB = "hub";
    private static final String NATIONAL = "national";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Kept when a test fails: the broker's, the registry's and the hub's logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path shared;
    private static BrokerProcess broker;
    private static RegistryProcess registry;
    private static HubProcess hub;
    private static final String API_PASSWORD = randomPassword();
    private static RegistrySerdes serdes;
    private static Path credentials;
    private static long revision = System.currentTimeMillis();

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.startSecure(shared.resolve("broker"), ADMIN, ADMIN_PASSWORD);
        registry = RegistryProcess.start(shared.resolve("registry"));
        serdes = new RegistrySerdes(registry.baseUrl());
        Path secrets = Files.createDirectory(shared.resolve("secrets"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        credentials = secrets.resolve("principals");
        Path adminPassword = ownerOnly(secrets.resolve("focal.password"), ADMIN_PASSWORD + "\n");
        // the hub's own login, from a file of its owner only: never on its command line
        Path hubLogin = ownerOnly(secrets.resolve("hub-kafka.yaml"), "spring.kafka.properties.sasl.jaas.config: '"
                + broker.clientConfig(HUB, randomPassword()).get("sasl.jaas.config") + "'\n");
        hub = new HubProcess(shared.resolve("hub"), broker.secureBootstrapServers(), registry.baseUrl(),
                "--dmhub.security.enabled=true",
                // the registry's part of the secure mode has tests of its own: here clients may register
                "--dmhub.security.registry.enabled=false",
                "--spring.kafka.security.protocol=SASL_SSL",
                "--spring.kafka.ssl.trust-store-type=PEM",
                "--spring.kafka.ssl.trust-store-location=file:" + broker.caCertificate(),
                "--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "--spring.config.import=file:" + hubLogin,
                "--dmhub.security.broker.admin-username=" + ADMIN,
                "--dmhub.security.broker.admin-password-file=" + adminPassword,
                "--dmhub.security.broker.credentials-dir=" + credentials,
                // the focal point's user of the hub's API, which applies the frameworks
                "--dmhub.security.api.users[0].name=focal",
                "--dmhub.security.api.users[0].password-hash={bcrypt}" + new BCryptPasswordEncoder().encode(API_PASSWORD),
                "--dmhub.security.api.users[0].roles[0]=FOCAL_POINT",
                "--dmhub.rollup.emit-interval=100ms");
        hub.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> apply(framework()).statusCode() == 200);
        hub.awaitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.stop();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aDepartmentWritingAnotherDepartmentsTopicIsRefusedByTheBrokerAndNothingIsWritten() throws Exception {
        String sytTopic = TOPICS.observations("SYT").name();
        long before = endOffsetsAsAdmin(sytTopic);

        try (KafkaProducer<String, SpecificRecord> stc = producer("STC")) {
            assertThatThrownBy(() -> send(stc, sytTopic, observation("SYT", "YT-01", "25747", "2026-01", "5")))
                    .satisfies(refused -> assertThat(kafkaError(refused)).isInstanceOf(TopicAuthorizationException.class));
        }
        assertThat(endOffsetsAsAdmin(sytTopic)).isEqualTo(before).isZero();
    }

    @Test
    void aDepartmentSendingAnotherDepartmentsCodeOnItsOwnTopicIsRejectedByTheHub() throws Exception {
        IndicatorObservation foreign = observation("SYT", "NS-01", "25747", "2026-02", "5");
        RecordMetadata sent;
        try (KafkaProducer<String, SpecificRecord> stc = producer("STC")) {
            sent = send(stc, TOPICS.observations("STC").name(), foreign);
        }

        // the department reads its own receipts, as its connector does
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readAll(login("STC"), TOPICS.receipts("STC").name()))
                .filteredOn(record -> record.value() instanceof ObservationReceipt receipt
                        && foreign.getEventId().equals(receipt.getEventId()))
                .singleElement()
                .satisfies(record -> {
                    ObservationReceipt receipt = (ObservationReceipt) record.value();
                    assertThat(receipt.getOutcome()).isEqualTo(ReceiptOutcome.REJECTED);
                    assertThat(receipt.getReasons()).contains(RejectionReason.DEPARTMENT_TOPIC_MISMATCH);
                }));
        assertThat(readAll(broker.adminClientConfig(), TOPICS.rejected().name()))
                .filteredOn(record -> record.value() instanceof ObservationRejected rejection
                        && rejection.getSourceTopic().equals(sent.topic()) && rejection.getSourcePartition() == sent.partition()
                        && rejection.getSourceOffset() == sent.offset())
                .singleElement()
                .satisfies(record -> assertThat(((ObservationRejected) record.value()).getReasons())
                        .contains(RejectionReason.DEPARTMENT_TOPIC_MISMATCH));
    }

    @Test
    void aDepartmentCannotWriteTheCatalogNorTheHubsInternalTopicsNorReadAnotherDepartmentsReceipts() throws Exception {
        String internalTopic;
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            internalTopic = admin.listTopics().names().get().stream().filter(name -> name.startsWith("dmhub-hub-"))
                    .findFirst().orElseThrow();
        }
        try (KafkaProducer<byte[], byte[]> stc = new KafkaProducer<>(producerConfig("STC"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String topic : List.of(TOPICS.departments().name(), TOPICS.indicators().name(), internalTopic)) {
                assertThatThrownBy(() -> stc.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {2})).get(30, TimeUnit.SECONDS))
                        .as(topic)
                        .satisfies(refused -> assertThat(kafkaError(refused)).isInstanceOf(TopicAuthorizationException.class));
            }
        }
        assertThatThrownBy(() -> readAll(login("STC"), TOPICS.receipts("SYT").name()))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theHubRunsEndToEndWithItsOwnRightsAndTheNationalConsumerReadsTheAggregates() throws Exception {
        String period = "2026-03";
        try (KafkaProducer<String, SpecificRecord> stc = producer("STC")) {
            send(stc, TOPICS.observations("STC").name(), observation("STC", "NS-01", "25747", period, "12.5"));
            send(stc, TOPICS.observations("STC").name(), observation("STC", "NS-01", "25750", period, "7.5"));
        }

        Map<String, Object> config = consumerConfig(login(NATIONAL));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, NATIONAL + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, SpecificRecord> national = new KafkaConsumer<>(config)) {
            national.subscribe(List.of(TOPICS.nationalAggregates().name()));
            List<NationalAggregate> received = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                national.poll(Duration.ofMillis(500)).forEach(record -> received.add((NationalAggregate) record.value()));
                assertThat(received).filteredOn(aggregate -> aggregate.getPeriod().equals(period)).last()
                        .satisfies(aggregate -> {
                            assertThat(aggregate.getArea()).isEqualTo("74");
                            assertThat(aggregate.getValue()).isEqualByComparingTo(new BigDecimal("20"));
                        });
            });
        }
        assertThat(rightsOf(HUB)).isNotEmpty();
        assertThat(Files.readString(hub.log())).doesNotContain("AuthorizationException", "AuthenticationException");
    }

    @Test
    void aNationalConsumerCannotReadAnObservationTopic() {
        Map<String, Object> config = consumerConfig(login(NATIONAL));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, NATIONAL + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, SpecificRecord> national = new KafkaConsumer<>(config)) {
            national.subscribe(List.of(TOPICS.observations("STC").name()));
            assertThatThrownBy(() -> {
                for (int polls = 0; polls < 60; polls++) {
                    national.poll(Duration.ofMillis(500));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> readAll(login(NATIONAL), TOPICS.viewValues().name())).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aDepartmentAddedByCatalogApplyPublishesAtOnceAndOneRemovedCannotAnyMore() throws Exception {
        JsonNode added = appliedOk(framework("{code: SNN, name: \"Sở Nông nghiệp\"}"));

        assertThat(lines(added.path("principals"))).containsExactly(
                "User:SNN: login created, password written to " + credentials.resolve("SNN.password"),
                "User:SNN: 5 rights granted");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.resolve("SNN.password"))))
                .isEqualTo("rw-------");
        try (KafkaProducer<String, SpecificRecord> snn = producer("SNN")) {
            assertThat(send(snn, TOPICS.observations("SNN").name(), observation("SNN", "NS-01", "25747", "2026-04", "1")).offset())
                    .isNotNegative();
        }
        assertThat(lines(appliedOk(framework("{code: SNN, name: \"Sở Nông nghiệp\"}")).path("principals")))
                .as("applying the same framework again changes nothing").isEmpty();

        JsonNode removed = appliedOk(framework());

        assertThat(lines(removed.path("principals"))).containsExactly("User:SNN: login and 5 rights removed (no longer in the framework)");
        assertThat(rightsOf("SNN")).isEmpty();
        try (KafkaProducer<String, SpecificRecord> snn = producer("SNN")) {
            assertThatThrownBy(() -> send(snn, TOPICS.observations("SNN").name(), observation("SNN", "NS-01", "25747", "2026-04", "2")))
                    .satisfies(refused -> assertThat(kafkaError(refused)).isInstanceOf(AuthenticationException.class));
        }
        assertThat(rightsOf("STC")).as("the other departments keep theirs").hasSize(5);
    }

    @Test
    void aDepartmentCannotTakeTheNameOfAnotherPrincipal() throws Exception {
        HttpResponse<String> refused = apply(framework("{code: national, name: \"Trùng tên\"}"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("departments[2].code: 'national' is a national consumer's Kafka principal");
        assertThat(rightsOf("national")).as("the national topic, the reconciliation topic and its groups").hasSize(3);
    }

    private static String framework(String... extraDepartments) {
        StringBuilder departments = new StringBuilder();
        for (String department : extraDepartments) {
            departments.append("  - ").append(department).append('\n');
        }
        return """
                province: {code: "74", name: "Bình Dương"}
                departments:
                  - {code: STC, name: "Sở Tài chính"}
                  - {code: SYT, name: "Sở Y tế"}
                """ + departments + """
                areas:
                  - {code: "74", name: "Bình Dương", level: PROVINCE}
                  - {code: "718", name: "Thủ Dầu Một", level: DISTRICT, parent: "74"}
                  - {code: "25747", name: "Phú Cường", level: COMMUNE, parent: "718"}
                  - {code: "25750", name: "Phú Hòa", level: COMMUNE, parent: "718"}
                indicators:
                  - {code: NS-01, name: "Thu ngân sách", unit: "tỷ đồng", periodicity: MONTHLY, aggregation: SUM,
                     reportingLevel: COMMUNE, owner: STC, kind: OPERATIONAL, nationalCode: QG-NS-01}
                  - {code: YT-01, name: "Số ca khám", unit: "ca", periodicity: MONTHLY, aggregation: SUM,
                     reportingLevel: COMMUNE, owner: SYT, kind: OPERATIONAL}
                """;
    }

    private static HttpResponse<String> apply(String framework) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/catalog"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("focal:" + API_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/yaml").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(framework, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode appliedOk(String framework) throws Exception {
        HttpResponse<String> response = apply(framework);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static List<String> lines(JsonNode array) {
        List<String> lines = new ArrayList<>();
        array.forEach(line -> lines.add(line.asString()));
        return lines;
    }

    /** The login the hub made for {@code user}, with the password it wrote for it. */
    private static Map<String, Object> login(String user) {
        try {
            Path file = credentials.resolve(user + ".password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            return broker.clientConfig(user, Files.readAllLines(file).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> producerConfig(String user) {
        Map<String, Object> config = new HashMap<>(login(user));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    /** A department's producer as its connector makes it: idempotent, logged in as the department. */
    private static KafkaProducer<String, SpecificRecord> producer(String user) {
        Map<String, Object> config = producerConfig(user);
        config.putAll(serdes.producerConfig());
        return new KafkaProducer<>(config);
    }

    private static RecordMetadata send(KafkaProducer<String, SpecificRecord> producer, String topic, IndicatorObservation value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, key(value), value)).get(30, TimeUnit.SECONDS);
    }

    private static String key(IndicatorObservation observation) {
        return observation.getIndicator() + "|" + observation.getArea() + "|" + observation.getPeriod();
    }

    private static IndicatorObservation observation(String department, String indicator, String area, String period, String value) {
        return HubTopologyDriver.observation(department, indicator, area, period, value, "tỷ đồng", ++revision);
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.putAll(serdes.consumerConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    /** Every committed record of {@code topic}, read as the connectors read: assigned partitions, no group. */
    private static List<ConsumerRecord<String, SpecificRecord>> readAll(Map<String, Object> login, String topic) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerConfig(login))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(20))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static long endOffsetsAsAdmin(String topic) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerConfig(broker.adminClientConfig()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            assertThat(partitions).isNotEmpty();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<String> rightsOf(String user) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            return admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:" + user,
                    null, AclOperation.ANY, AclPermissionType.ANY))).values().get().stream().map(Object::toString).toList();
        }
    }

    /** The Kafka exception a send or a read failed with. */
    private static Throwable kafkaError(Throwable failure) {
        return failure instanceof ExecutionException ? failure.getCause() : failure;
    }

    private static Path ownerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
