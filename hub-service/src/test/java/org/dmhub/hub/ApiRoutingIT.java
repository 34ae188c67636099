package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Two hub instances share the work, and so the view: each holds the indicator-periods of its partitions. Either
 * answers for every indicator-period, asking the other when it holds it, and an area's series, the statuses and the
 * national aggregates of a period gather what both hold, each asked once for all it holds; in open mode and in
 * secure mode.
 */
@EmbeddedKafka(partitions = 3, brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class ApiRoutingIT {

    private static final int PERIODS = 24;

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private final Topics topics = Topics.withDefaultPrefix();
    private static final String VIEWER_PASSWORD = "the viewer's long password";
    private static boolean reported;

    private final HttpClient http = HttpClient.newHttpClient();
    /** The Authorization header of every request to the instances (secure mode), or null. */
    private String authorization;

    @Test
    void eitherInstanceAnswersForEveryIndicatorPeriod(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
        bothInstancesAnswer(broker, workDir, null);
    }

    /**
     * Secure mode: the caller logs in with the first instance it asks; an instance asks the other one with a request
     * signed with the secret they share, which the other answers without a login of its own.
     */
    @Test
    void inSecureModeTheInstancesAskEachOtherWithSignedRequests(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
        String hash = new BCryptPasswordEncoder().encode(VIEWER_PASSWORD);
        Path users = ownerOnly(workDir.resolve("api-users.yaml"), "users:\n  - name: viewer\n    password-hash: \"{bcrypt}" + hash
                + "\"\n    roles: [VIEWER]\n");
        Path secret = ownerOnly(workDir.resolve("forwarding-secret"), "a secret of more than thirty-two characters, for both\n");
        bothInstancesAnswer(broker, workDir, "Basic " + Base64.getEncoder().encodeToString(("viewer:" + VIEWER_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)),
                "--dmhub.security.enabled=true", "--dmhub.security.broker.enabled=false", "--dmhub.security.registry.enabled=false", "--dmhub.security.api.users-file=" + users,
                "--dmhub.security.api.forwarding-secret-file=" + secret,
                // a consumer group of its own: the open-mode instances of the other test read the same topics
                "--spring.kafka.streams.application-id=dmhub-hub-secure");
    }

    private void bothInstancesAnswer(EmbeddedKafkaBroker broker, Path workDir, String authorization, String... settings)
            throws Exception {
        this.authorization = authorization;
        String bootstrap = broker.getBrokersAsString();
        List<String> periods = departmentReported(bootstrap);
        List<String> arguments = new ArrayList<>(List.of("--dmhub.rollup.emit-interval=100ms"));
        arguments.addAll(List.of(settings));
        HubProcess first = new HubProcess(workDir.resolve("first"), bootstrap, registry.baseUrl(), arguments.toArray(String[]::new));
        HubProcess second = new HubProcess(workDir.resolve("second"), bootstrap, registry.baseUrl(), arguments.toArray(String[]::new));
        first.start();
        second.start();
        try {
            first.awaitHealthy(Duration.ofSeconds(90));
            second.awaitHealthy(Duration.ofSeconds(90));
            Set<String> answeredBy = new HashSet<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                answeredBy.clear();
                for (HubProcess asked : List.of(first, second)) {
                    for (int month = 0; month < PERIODS; month++) {
                        HttpResponse<String> answer = get(asked, "/api/values/SUM-1/" + periods.get(month) + "?area=P");
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        JsonNode value = new ObjectMapper().readTree(answer.body());
                        assertThat(value.path("value").decimalValue()).isEqualByComparingTo(String.valueOf(9 * (month + 1)));
                        assertThat(value.path("contributing").asInt()).isEqualTo(9);
                        answeredBy.add(answer.headers().firstValue("X-DmHub-Answered-By").orElseThrow());
                    }
                }
                assertThat(answeredBy).as("each instance holds a part of the view").hasSize(2);
            });

            // the spans rolled up over time are held by the task of their indicator and year, which either instance asks;
            // a comparison puts together parts that may be held by both: 2026-03, 2025-03 and January to March 2026
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (HubProcess asked : List.of(first, second)) {
                    for (int quarter = 0; quarter < PERIODS / 3; quarter++) {
                        String span = (2025 + quarter / 4) + "-Q" + (quarter % 4 + 1);
                        HttpResponse<String> answer = get(asked, "/api/values/SUM-1/" + span + "?area=P");
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        JsonNode value = new ObjectMapper().readTree(answer.body());
                        // months 3q+1, 3q+2 and 3q+3, each 9 communes
                        assertThat(value.path("value").decimalValue()).as(span).isEqualByComparingTo(String.valueOf(9 * (9 * quarter + 6)));
                        assertThat(value.path("contributing").asInt()).isEqualTo(27);
                        assertThat(value.path("expected").asInt()).isEqualTo(27);
                    }
                    HttpResponse<String> answer = get(asked, "/api/values/SUM-1/2026-03/compared");
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    JsonNode province = new ObjectMapper().readTree(answer.body()).path("areas").get(0);
                    assertThat(province.path("area").asString()).isEqualTo("P");
                    assertThat(province.path("value").decimalValue()).isEqualByComparingTo("135");
                    assertThat(province.path("yearToDate").path("value").decimalValue()).isEqualByComparingTo("378");
                    assertThat(province.path("samePeriodLastYear").decimalValue()).isEqualByComparingTo("27");
                    assertThat(province.path("change").decimalValue()).isEqualByComparingTo("108");
                    assertThat(province.path("ratioToLastYear").decimalValue()).isEqualByComparingTo("5");
                }
            });

            // statuses and series gather what both instances hold (retried: a rebalance answers 503 for a moment)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (HubProcess asked : List.of(first, second)) {
                    JsonNode reporting = new ObjectMapper().readTree(
                            get(asked, "/api/reporting?period=" + periods.get(PERIODS - 1)).body());
                    JsonNode sums = null;
                    for (JsonNode status : reporting) {
                        sums = "SUM-1".equals(status.path("indicator").asString()) ? status : sums;
                    }
                    assertThat(sums).as(reporting.toString()).isNotNull();
                    assertThat(sums.path("received").asInt()).isEqualTo(9);
                    assertThat(sums.path("expected").asInt()).isEqualTo(9);

                    JsonNode series = new ObjectMapper().readTree(get(asked, "/api/values/SUM-1?area=D1").body());
                    assertThat(series.path("points").size()).as("the periods of both instances").isEqualTo(PERIODS);
                    assertThat(series.path("points").get(PERIODS - 1).path("period").asString()).isEqualTo(periods.get(PERIODS - 1));
                    assertThat(series.path("points").get(PERIODS - 1).path("value").decimalValue())
                            .isEqualByComparingTo(String.valueOf(3 * PERIODS));
                }
            });

            // national aggregates gather the province values both instances hold
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (HubProcess asked : List.of(first, second)) {
                    for (int month = 0; month < PERIODS; month++) {
                        HttpResponse<String> answer = get(asked, "/api/national/aggregates?period=" + periods.get(month));
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        JsonNode national = new ObjectMapper().readTree(answer.body());
                        assertThat(national.size()).as(answer.body()).isEqualTo(1);
                        assertThat(national.get(0).path("nationalCode").asString()).isEqualTo("QG-1");
                        assertThat(national.get(0).path("value").decimalValue()).isEqualByComparingTo(String.valueOf(9 * (month + 1)));
                    }
                }
            });

            String last = periods.get(PERIODS - 1);
            onlyTheHolderAnswersForWhatItHolds(first, second, last);
            if (authorization == null) {
                // the request counts are actuator metrics, which secure mode shows the focal point only
                anInstanceIsAskedOnceForAllItHolds(first, second, last);
                anInstanceIsAskedOnceForAllItHolds(second, first, last);
            }
        } finally {
            first.stop();
            second.stop();
        }
    }

    /**
     * What an instance asks another for in one request, the statuses of several indicators for a period, say: the
     * instance that holds them answers, the other one refuses (503, for it would have to ask further); and nothing but
     * another instance may ask it.
     */
    private void onlyTheHolderAnswersForWhatItHolds(HubProcess first, HubProcess second, String period) {
        String held = "/api/reporting/held?period=" + period + "&indicator=SUM-1";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> atFirst = get(first, held, true);
            HttpResponse<String> atSecond = get(second, held, true);
            assertThat(List.of(atFirst.statusCode(), atSecond.statusCode())).as(atFirst.body() + atSecond.body())
                    .containsExactlyInAnyOrder(200, 503);
            HttpResponse<String> holder = atFirst.statusCode() == 200 ? atFirst : atSecond;
            JsonNode statuses = new ObjectMapper().readTree(holder.body());
            assertThat(statuses.size()).isEqualTo(1);
            assertThat(statuses.get(0).path("indicator").asString()).isEqualTo("SUM-1");
            assertThat(statuses.get(0).path("received").asInt()).isEqualTo(9);
            assertThat((holder == atFirst ? atSecond : atFirst).body()).contains("this part of the view is moving between hub instances");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> notFromAnInstance = get(first, held);
            assertThat(notFromAnInstance.statusCode()).as(notFromAnInstance.body()).isEqualTo(400);
            assertThat(new ObjectMapper().readTree(notFromAnInstance.body()).path("type").asString())
                    .isEqualTo("https://dmhub.invalid/problems/instance-request");
        });
    }

    /** Asked for the statuses of a period, an instance asks the other one once for all of them the other holds. */
    private void anInstanceIsAskedOnceForAllItHolds(HubProcess asking, HubProcess holding, String period) throws Exception {
        JsonNode statuses = new ObjectMapper().readTree(get(asking, "/api/reporting?period=" + period).body());
        assertThat(statuses.size()).as("the statuses of several indicators").isGreaterThan(1);
        long asked = heldRequests(holding);
        boolean holdsAny = false;
        for (JsonNode status : statuses) {
            String one = "/api/reporting/held?period=" + period + "&indicator=" + status.path("indicator").asString();
            holdsAny |= get(holding, one, true).statusCode() == 200;
        }
        long probed = asked + statuses.size();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heldRequests(holding)).isEqualTo(probed));

        HttpResponse<String> gathered = get(asking, "/api/reporting?period=" + period);
        assertThat(gathered.statusCode()).as(gathered.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(gathered.body()).size()).isEqualTo(statuses.size());
        long once = probed + (holdsAny ? 1 : 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heldRequests(holding)).isEqualTo(once));
    }

    /** How many requests for the statuses it holds the instance was sent. */
    private long heldRequests(HubProcess hub) throws Exception {
        HttpResponse<String> metric = get(hub, "/actuator/metrics/http.server.requests?tag=uri:/api/reporting/held");
        if (metric.statusCode() == 404) {
            return 0;
        }
        for (JsonNode measurement : new ObjectMapper().readTree(metric.body()).path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asString())) {
                return measurement.path("value").asLong();
            }
        }
        throw new AssertionError("no COUNT in " + metric.body());
    }

    private HttpResponse<String> get(HubProcess hub, String pathAndQuery) throws Exception {
        return get(hub, pathAndQuery, false);
    }

    /** @param asAnInstance with the header of a request from another hub instance */
    private HttpResponse<String> get(HubProcess hub, String pathAndQuery, boolean asAnInstance) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (asAnInstance) {
            request.header("X-DmHub-Forwarded", "true");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The framework and 24 months of one department's reports, sent once for both tests. */
    private synchronized List<String> departmentReported(String bootstrap) throws Exception {
        List<String> periods = new ArrayList<>();
        for (int month = 0; month < PERIODS; month++) {
            periods.add((2025 + month / 12) + "-" + String.format("%02d", month % 12 + 1));
        }
        if (reported) {
            return periods;
        }
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        FromScratchView.Tree tree = TestKafka.threeLevelTree();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.observations("D1").name(), 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
            FromScratchView.DEPARTMENTS.forEach(d -> TestKafka.send(producer, topics.departments(), d.getCode(), d));
            tree.areas().forEach(a -> TestKafka.send(producer, topics.areas(), a.getCode(), a));
            FromScratchView.catalog().forEach(i -> TestKafka.send(producer, topics.indicators(), i.getCode(), i));
            for (int month = 0; month < PERIODS; month++) {
                for (String commune : tree.communes()) {
                    TestKafka.send(producer, topics.observations("D1"), RecordKeys.valueKey("SUM-1", commune, periods.get(month)),
                            HubTopologyDriver.observation("D1", "SUM-1", commune, periods.get(month), String.valueOf(month + 1), "u", 1));
                }
            }
        }
        reported = true;
        return periods;
    }

    private static Path ownerOnly(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

}
