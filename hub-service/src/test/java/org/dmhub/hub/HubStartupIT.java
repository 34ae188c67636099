package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReconciliationStatus;
import org.dmhub.testsupport.ConfluentWireDecoder;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The hub against a real broker and a real registry process: it creates the contract topics, takes the sample
 * framework through its API, and publishes the province aggregate that a plain Confluent-format consumer reads.
 */
// the context is closed with the class: a hub left running would keep working, against a registry that is gone
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class HubStartupIT {

    private static final RegistryProcess registry = RegistryProcess.startInTempDir();
    private static final Path SAMPLE_FRAMEWORK = Path.of("../deploy/local/sample-framework.yaml");

    @DynamicPropertySource
    static void hubSettings(DynamicPropertyRegistry properties) {
        properties.add("dmhub.registry-url", () -> registry.baseUrl());
        properties.add("spring.kafka.streams.state-dir", () -> "target/streams-state/" + System.nanoTime());
        properties.add("dmhub.rollup.emit-interval", () -> "100ms");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    Topics topics;

    @Test
    void healthIsUpOnceTheStreamsRunTheRegistryAnswersAndAFrameworkIsLoaded() throws Exception {
        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.path("components").path("streams").path("details").path("state").asString()).isEqualTo("RUNNING");
            assertThat(body.path("components").path("registry").path("status").asString()).isEqualTo("UP");
            assertThat(body.path("components").path("catalog").path("details").path("indicators").asInt()).isEqualTo(23);
        });
    }

    @Test
    void contractTopicsExistWithTheirCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            List<ConfigResource> resources = topics.sharedTopics().stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (TopicDefinition<?> topic : topics.sharedTopics()) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertThat(config.get("cleanup.policy").value()).as(topic.name())
                        .isEqualTo(topic.configs().get("cleanup.policy"));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topics.nationalAggregates().name()))
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void appliedFrameworkTurnsObservationsIntoNationalAggregatesReadableByAnyConfluentClient() throws Exception {
        HttpResponse<String> applied = postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).contains("\"createdTopics\"");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            assertThat(admin.listTopics().names().get()).as("created by this or an earlier apply").contains("dmhub.observations.VPUBND");
        }

        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(config)) {
            // dossiers received and resolved on time in two communes of two districts: HC-03 = 100 · (45 + 9) / (50 + 10)
            for (IndicatorObservation observation : List.of(
                    HubTopologyDriver.observation("VPUBND", "HC-01", "25747", "2026-10", "50", "hồ sơ", 1),
                    HubTopologyDriver.observation("VPUBND", "HC-02", "25747", "2026-10", "45", "hồ sơ", 1),
                    HubTopologyDriver.observation("VPUBND", "HC-01", "25942", "2026-10", "10", "hồ sơ", 1),
                    HubTopologyDriver.observation("VPUBND", "HC-02", "25942", "2026-10", "9", "hồ sơ", 1))) {
                producer.send(new ProducerRecord<>(topics.observations("VPUBND").name(),
                        observation.getIndicator() + "|" + observation.getArea() + "|" + observation.getPeriod(), observation)).get();
            }
        }

        ConfluentWireDecoder decoder = new ConfluentWireDecoder(registry.ccompatUrl());
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "national-system",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> nationalSystem = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            nationalSystem.subscribe(List.of(topics.nationalAggregates().name()));
            Map<String, NationalAggregate> latest = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                nationalSystem.poll(Duration.ofMillis(500))
                        .forEach(record -> latest.put(record.key(), decoder.decode(record.value(), NationalAggregate.class)));
                NationalAggregate onTimeRate = latest.get("HC-03|74|2026-10");
                assertThat(onTimeRate).isNotNull();
                assertThat(onTimeRate.getValue()).isEqualTo(new BigDecimal("90.000000000000"));
                assertThat(onTimeRate.getNationalCode()).isEqualTo("QG-HC-03");
                assertThat(onTimeRate.getContributing()).isEqualTo(2);
                assertThat(onTimeRate.getExpected()).isEqualTo(13);
                assertThat(onTimeRate.getProvinceName()).isEqualTo("Bình Dương");
            });
        }

        // the same figures through the API, from the hub's state stores
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode province = new ObjectMapper().readTree(get("/api/values/HC-03/2026-10?area=74").body());
            assertThat(province.path("value").decimalValue()).isEqualByComparingTo("90");
            assertThat(province.path("contributing").asInt()).isEqualTo(2);
            assertThat(province.path("expected").asInt()).isEqualTo(13);
            assertThat(province.path("areaName").asString()).isEqualTo("Bình Dương");
            JsonNode districts = new ObjectMapper().readTree(get("/api/values/HC-01/2026-10").body()).path("areas");
            assertThat(districts.get(0).path("area").asString()).as("the province first").isEqualTo("74");
            assertThat(districts.get(0).path("value").decimalValue()).isEqualByComparingTo("60");
            JsonNode series = new ObjectMapper().readTree(get("/api/values/HC-03?area=74&from=2026-01&to=2026-12").body());
            assertThat(series.path("points").get(0).path("period").asString()).isEqualTo("2026-10");
            JsonNode national = new ObjectMapper().readTree(get("/api/national/aggregates?period=2026-10").body());
            assertThat(national.toString()).contains("\"nationalCode\":\"QG-HC-03\"");
        });
        // who reported: VPUBND sent its October figures after the 25 October deadline; STC sent nothing
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reporting = new ObjectMapper().readTree(get("/api/reporting?period=2026-10").body());
            JsonNode dossiers = find(reporting, "indicator", "HC-01");
            assertThat(dossiers.path("department").asString()).isEqualTo("VPUBND");
            assertThat(dossiers.path("state").asString()).isEqualTo("LATE");
            assertThat(dossiers.path("received").asInt()).isEqualTo(2);
            assertThat(dossiers.path("expected").asInt()).isEqualTo(13);
            assertThat(find(reporting, "indicator", "NS-01").path("state").asString()).isEqualTo("MISSING");
            assertThat(reporting.get(0).path("state").asString()).as("worst first").isEqualTo("MISSING");
        });
        JsonNode summary = new ObjectMapper().readTree(get("/api/monitoring/summary").body());
        assertThat(summary.path("accepted").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(summary.path("nationalAggregates").asLong()).as("HC-03 of the province, at least").isPositive();
        assertThat(summary.path("published").asLong()).isGreaterThan(summary.path("nationalAggregates").asLong());
        assertThat(summary.path("lag").isNumber()).as(summary.toString()).isTrue();
        assertThat(get("/actuator/prometheus").body()).contains("dmhub_view_latency_seconds_bucket",
                "dmhub_observations_accepted_total{department=\"VPUBND\"}");

        HttpResponse<String> sdmx = get("/api/national/aggregates.csv?period=2026-10");
        assertThat(sdmx.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.sdmx.data+csv");
        assertThat(sdmx.body().lines().toList()).first().isEqualTo("DATAFLOW,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS");
        assertThat(sdmx.body()).contains("VN74:DM_INDICATORS(1.0),M,74,QG-HC-03,2026-10,90,%,E\r\n");
    }

    @Test
    void operatingIndicatorsAreReconciledWithTheirStatisticsOnATopicAnyConfluentClientReads() throws Exception {
        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false).statusCode()).isEqualTo(200);
        // registered FDI by district, three months (SKHDT), and the Statistics Office's figure for the quarter (CTK):
        // 10+20+30 + 5+5+5 + 0+10+0 + 1+2+3 = 91 million USD against 80, 13.75 % more, beyond the link's 5 %
        Map<String, String> months = new LinkedHashMap<>();
        months.put("718", "10,20,30");
        months.put("721", "5,5,5");
        months.put("724", "0,10,0");
        months.put("725", "1,2,3");
        List<IndicatorObservation> sent = new ArrayList<>();
        months.forEach((district, values) -> {
            String[] byMonth = values.split(",");
            for (int month = 1; month <= 3; month++) {
                sent.add(HubTopologyDriver.observation("SKHDT", "DT-01", district, "2026-0" + month, byMonth[month - 1], "triệu USD", 1));
            }
        });
        sent.add(HubTopologyDriver.observation("CTK", "TK-DT-01", "74", "2026-Q1", "80", "triệu USD", 1));
        send(sent);

        ConfluentWireDecoder decoder = new ConfluentWireDecoder(registry.ccompatUrl());
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "reconciliation-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String key = "DT-01|TK-DT-01|74|2026-Q1";
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(topics.reconciliation().name()));
            Map<String, Reconciliation> latest = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), decoder.decode(record.value(), Reconciliation.class)));
                Reconciliation divergent = latest.get(key);
                assertThat(divergent).isNotNull();
                assertThat(divergent.getStatus()).isEqualTo(ReconciliationStatus.DIVERGENT);
                assertThat(divergent.getOperatingValue()).isEqualTo(new BigDecimal("91.000000000000"));
                assertThat(divergent.getStatisticalValue()).isEqualTo(new BigDecimal("80.000000000000"));
                assertThat(divergent.getDifference()).isEqualTo(new BigDecimal("11.000000000000"));
                assertThat(divergent.getRelativeDifference()).isEqualTo(new BigDecimal("0.137500000000"));
                assertThat(divergent.getTolerance()).isEqualTo(new BigDecimal("0.050000000000"));
                assertThat(divergent.getDepartment()).isEqualTo("SKHDT");
                assertThat(divergent.getOperatingCompleteness()).isEqualByComparingTo("1");
            });
            assertThat(latest.keySet()).as("the statistic is reported for the province only").containsOnly(key);

            // the same through the API and the metrics
            JsonNode reconciliation = new ObjectMapper().readTree(get("/api/reconciliation?period=2026-Q1").body());
            assertThat(reconciliation.path("divergent").asInt()).isEqualTo(1);
            assertThat(reconciliation.path("reconciliations").get(0).path("operatingIndicator").asString()).isEqualTo("DT-01");
            assertThat(reconciliation.path("reconciliations").get(0).path("difference").decimalValue()).isEqualByComparingTo("11");
            assertThat(get("/actuator/prometheus").body()).contains("dmhub_reconciliation_divergent{department=\"SKHDT\"} 1.0");
            JsonNode quarter = new ObjectMapper().readTree(get("/api/values/DT-01/2026-Q1?area=74").body());
            assertThat(quarter.path("value").decimalValue()).isEqualByComparingTo("91");
            assertThat(quarter.path("expected").asInt()).as("4 districts × 3 months").isEqualTo(12);
            JsonNode compared = new ObjectMapper().readTree(get("/api/values/DT-01/2026-02/compared").body());
            assertThat(compared.path("yearToDateTo").asString()).isEqualTo("2026-02");
            // January and February: 10+20 + 5+5 + 0+10 + 1+2 = 53
            assertThat(find(compared.path("areas"), "area", "74").path("yearToDate").path("value").decimalValue()).isEqualByComparingTo("53");

            // Thủ Dầu Một's March was 19, not 30: the quarter is 80, as the statistic says
            send(List.of(HubTopologyDriver.observation("SKHDT", "DT-01", "718", "2026-03", "19", "triệu USD", 2)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), decoder.decode(record.value(), Reconciliation.class)));
                Reconciliation consistent = latest.get(key);
                assertThat(consistent.getStatus()).isEqualTo(ReconciliationStatus.CONSISTENT);
                assertThat(consistent.getOperatingValue()).isEqualTo(new BigDecimal("80.000000000000"));
                assertThat(consistent.getDifference()).isEqualTo(new BigDecimal("0E-12"));
            });
        }
        assertThat(get("/actuator/prometheus").body()).contains("dmhub_reconciliation_divergent{department=\"SKHDT\"} 0.0");
    }

    /**
     * The Grafana dashboard shipped with the compose stack plots only what the hub exposes: once an observation of
     * every outcome (accepted, duplicate, stale, rejected), a reconciled quarter and a foreign catalog record have
     * gone through, every metric its queries name is in {@code /actuator/prometheus}.
     */
    @Test
    void everyMetricTheShippedGrafanaDashboardPlotsIsOneTheHubExposes() throws Exception {
        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false).statusCode()).isEqualTo(200);
        List<IndicatorObservation> outcomes = new ArrayList<>();
        IndicatorObservation accepted = HubTopologyDriver.observation("STC", "NS-01", "25747", "2025-07", "5", "tỷ đồng", 1);
        outcomes.add(accepted);
        outcomes.add(accepted);
        outcomes.add(HubTopologyDriver.observation("STC", "NS-01", "25942", "2025-07", "7", "tỷ đồng", 2));
        outcomes.add(HubTopologyDriver.observation("STC", "NS-01", "25942", "2025-07", "6", "tỷ đồng", 1));
        outcomes.add(HubTopologyDriver.observation("STC", "NS-01", "99999", "2025-07", "5", "tỷ đồng", 1));
        for (String district : List.of("718", "721", "724", "725")) {
            for (int month = 1; month <= 3; month++) {
                outcomes.add(HubTopologyDriver.observation("SKHDT", "DT-01", district, "2025-0" + month, "20", "triệu USD", 1));
            }
        }
        outcomes.add(HubTopologyDriver.observation("CTK", "TK-DT-01", "74", "2025-Q1", "240", "triệu USD", 1));
        send(outcomes);
        // and a record written to a catalog topic other than through catalog apply: left out, and counted
        Map<String, Object> raw = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(raw, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.areas().name(), "not-an-area", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }

        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("../deploy/compose/grafana/dashboards/dmhub-hub.json")));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher names = METRIC_NAME.matcher(target.path("expr").asString());
                while (names.find()) {
                    metrics.add(names.group());
                }
            }
        }
        assertThat(metrics).as("the dashboard's metrics").hasSizeGreaterThan(10)
                .contains("dmhub_observations_rejected_total", "dmhub_view_latency_seconds_bucket", "dmhub_reconciliation_divergent");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> exposed = get("/actuator/prometheus").body().lines()
                    .filter(line -> !line.startsWith("#")).map(line -> line.split("[{ ]", 2)[0]).distinct().toList();
            assertThat(exposed).containsAll(metrics);
        });
    }

    /** A metric's name in a PromQL query: the hub's own and its libraries' ({@code up} is Prometheus's own). */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(dmhub|kafka|jvm|process|http)_[a-z0-9_]+");

    private void send(List<IndicatorObservation> observations) throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(config)) {
            for (IndicatorObservation observation : observations) {
                producer.send(new ProducerRecord<>(topics.observations(observation.getDepartment()).name(),
                        observation.getIndicator() + "|" + observation.getArea() + "|" + observation.getPeriod(), observation)).get();
            }
        }
    }

    @Test
    void apiErrorsAreProblemDetailsThatSayWhatWouldBeValid() throws Exception {
        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/catalog/indicators/HC-03").statusCode()).isEqualTo(200));
        assertProblem(get("/api/values/XX-99/2026-10"), 404, "Unknown indicator", "indicator XX-99 is not in the framework");
        assertProblem(get("/api/values/HC-03/2026-10-05"), 400, "Invalid period",
                "write YYYY-MM (e.g. 2026-10), or a coarser period it is rolled up over");
        assertProblem(get("/api/values/KT-02/2026-10"), 400, "Invalid period", "write YYYY-Qn with n from 1 to 4 (e.g. 2026-Q3)");
        assertProblem(get("/api/reconciliation/HC-03"), 400, "No statistical link", "HC-03 has no statisticalLink");
        assertProblem(get("/api/values/DS-01/2026/year-to-date"), 400, "No year-to-date value", "2026 is a year");
        assertProblem(get("/api/values/HC-03/2026-10?area=00000"), 404, "Unknown area", "area 00000 is not in the framework");
        assertProblem(get("/api/national/aggregates"), 400, null, "period");
        assertThat(get("/v3/api-docs").body()).contains("/api/values/{indicator}/{period}", "/api/national/aggregates.csv");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theRejectionFeedShowsTheLatestRefusalsWithTheirReasons() throws Exception {
        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), false).statusCode()).isEqualTo(200);
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(config)) {
            IndicatorObservation unknownArea = HubTopologyDriver.observation("STC", "NS-01", "99999", "2026-10", "5", "tỷ đồng", 1);
            producer.send(new ProducerRecord<>(topics.observations("STC").name(), "NS-01|99999|2026-10", unknownArea)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode feed = new ObjectMapper().readTree(get("/api/rejections?department=STC&reason=UNKNOWN_AREA").body());
            JsonNode rejection = find(feed, "area", "99999");
            assertThat(rejection.path("reasons").toString()).contains("UNKNOWN_AREA");
            assertThat(rejection.path("sourceTopic").asString()).isEqualTo("dmhub.observations.STC");
            assertThat(rejection.path("details").toString()).contains("99999");
        });
        assertThat(new ObjectMapper().readTree(get("/api/rejections?reason=UNIT_MISMATCH").body()).toString())
                .doesNotContain("99999");
        assertProblem(get("/api/rejections?reason=NOPE"), 400, "Unknown reason", "UNKNOWN_AREA");
    }

    /** The element of a JSON array whose field has this value; fails when none has. */
    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asString())) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String title, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (title != null) {
            assertThat(problem.path("title").asString()).isEqualTo(title);
        }
        assertThat(problem.path("detail").asString()).contains(detail);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void invalidFrameworkIsRefusedWithEveryErrorAndNothingPublished() throws Exception {
        String broken = Files.readString(SAMPLE_FRAMEWORK).replace("numerator: HC-02", "numerator: HC-99")
                .replace("owner: STC", "owner: STX");
        HttpResponse<String> refused = postFramework(broken.getBytes(StandardCharsets.UTF_8), true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(refused.body());
        assertThat(problem.path("errors").toString()).contains("numerator: HC-99 is not defined").contains("STX");
    }

    @Test
    void aFrameworkBodyBeyondTheLimitIsRefusedWithProblemDetailsAndTheNextValidOneApplies() throws Exception {
        byte[] oversized = new byte[16 * 1024 * 1024 + 100];
        Arrays.fill(oversized, (byte) '#');
        assertProblem(postFramework(oversized, true), 413, "Framework file too large", "the body has 16777316 bytes; a framework file may have at most 16777216 bytes");
        // without a length announced, the body is read up to the limit only
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/catalog?dryRun=true"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, "Framework file too large", "the body is longer");

        assertThat(postFramework(Files.readAllBytes(SAMPLE_FRAMEWORK), true).statusCode()).isEqualTo(200);
    }

    /** Open mode too: nothing a page of another site can make a browser send applies a framework. */
    @Test
    void aFrameworkIsTakenAsYamlOrJsonOnlyAndNeverFromAnotherSite() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/catalog?dryRun=true")).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SAMPLE_FRAMEWORK))).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(refused, 415, "Unsupported media type", "is not accepted; send the body as one of: application/yaml,"
                    + " application/x-yaml, text/yaml, application/json");
        }
        HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/catalog?dryRun=true")).header("Content-Type", "application/yaml")
                .header("Origin", "https://attacker.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SAMPLE_FRAMEWORK))).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(crossSite, 403, "Cross-site request refused", "another site (cross-site) sent this POST");

        HttpResponse<String> dashboard = get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"));
        assertThat(dashboard.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private HttpResponse<String> postFramework(byte[] framework, boolean dryRun) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/catalog?dryRun=" + dryRun))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(framework)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void catalogPublishedWithTheSharedSerdesIsLoadedIntoTheGlobalStore() throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        Department finance = new Department("STC", "Sở Tài chính");
        try (KafkaProducer<String, Department> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topics.departments().name(), "STC", finance)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            KafkaStreams kafkaStreams = streams.getKafkaStreams();
            assertThat(kafkaStreams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, byte[]> departments = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(HubStores.of(StoreKind.IN_MEMORY).catalog().departments().name(), QueryableStoreTypes.keyValueStore()));
            assertThat(serdes.valueSerde(Department.class).deserializer().deserialize(topics.departments().name(), departments.get("STC")))
                    .isEqualTo(finance);
        });
    }
}
