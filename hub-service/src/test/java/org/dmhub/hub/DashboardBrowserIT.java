package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The focal point's dashboard, served by the packaged hub at {@code /}, in a real headless Chromium: the hub runs
 * the sample framework, the Văn phòng UBND reports October 2026 after its deadline and sends one observation for an
 * unknown area, the Sở Kế hoạch và Đầu tư reports DT-01 for the first quarter of 2026 (and March 2025) and the
 * Statistics Office its TK-DT-01 and TK-NS-01 figures, and {@code src/test/browser/dashboard.test.mjs} checks the
 * reporting table, the rejections feed, the HC-03 drill-down with its chart, the English toggle, the year-to-date and
 * same-period-last-year columns of DT-01, its quarter, and the reconciliation panel with its chart, and saves a
 * screenshot to {@code target/dashboard/dashboard.png}; in open mode and, logged in as a viewer, in secure mode.
 */
@EmbeddedKafka(partitions = 3, brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TEST = Path.of("src/test/browser");
    private static final Path PLAYWRIGHT = BROWSER_TEST.resolve("node_modules/playwright-core");
    private static final Path SAMPLE_FRAMEWORK = Path.of("../deploy/local/sample-framework.yaml");
    private static final Path SCREENSHOT = Path.of("target/dashboard/dashboard.png");
    private static final Path SECURE_SCREENSHOT = Path.of("target/dashboard/dashboard-secure.png");
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private static final String FOCAL_PASSWORD = "the focal point's long password";
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "the viewer's long password";
    private static boolean reported;

    private final Topics topics = Topics.withDefaultPrefix();
    private final HttpClient http = HttpClient.newHttpClient();
    /** The Authorization header of the test's own reads (secure mode: the viewer's), or null. */
    private String authorization;

    @Test
    void focalPointSeesLateReportsRejectionsAndTheDrillDownInABrowser(EmbeddedKafkaBroker broker, @TempDir Path workDir)
            throws Exception {
        browserIsInstalled();
        seesTheDashboard(broker, new HubProcess(workDir, broker.getBrokersAsString(), registry.baseUrl(),
                "--dmhub.rollup.emit-interval=100ms"), null, null);
    }

    /**
     * Secure mode: a viewer logs in on the login page and sees the same dashboard; the focal point applied the
     * framework with its own credentials.
     */
    @Test
    void inSecureModeAViewerLogsInAndSeesTheDashboard(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
        browserIsInstalled();
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        Path users = workDir.resolve("api-users.yaml");
        Files.writeString(users, "users:\n"
                + "  - {name: focal, password-hash: \"{bcrypt}" + bcrypt.encode(FOCAL_PASSWORD) + "\", roles: [FOCAL_POINT]}\n"
                + "  - {name: " + VIEWER + ", password-hash: \"{bcrypt}" + bcrypt.encode(VIEWER_PASSWORD) + "\", roles: [VIEWER]}\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        seesTheDashboard(broker, new HubProcess(workDir, broker.getBrokersAsString(), registry.baseUrl(),
                "--dmhub.rollup.emit-interval=100ms", "--dmhub.security.enabled=true", "--dmhub.security.broker.enabled=false", "--dmhub.security.registry.enabled=false", "--dmhub.security.api.users-file=" + users,
                // a consumer group of its own: the open-mode hub of the other test read the same topics
                "--spring.kafka.streams.application-id=dmhub-hub-secure"), basic("focal", FOCAL_PASSWORD), basic(VIEWER, VIEWER_PASSWORD));
    }

    /**
     * The hub takes the sample framework (with {@code applyAs} as its Authorization header, or none), the Văn phòng
     * UBND reports, and the browser test checks the dashboard (logging in as the viewer when {@code readAs} is given).
     */
    private void seesTheDashboard(EmbeddedKafkaBroker broker, HubProcess hub, String applyAs, String readAs) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        this.authorization = readAs;
        hub.start();
        try {
            applySampleFramework(hub, applyAs);
            hub.awaitHealthy(Duration.ofSeconds(90));
            departmentReported(bootstrap);

            await("HC-03 of the province for 2026-10; the hub's log: " + hub.log()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> province = get(hub, "/api/values/HC-03/2026-10?area=74");
                assertThat(province.statusCode()).as(province.body()).isEqualTo(200);
                JsonNode value = new ObjectMapper().readTree(province.body()).path("value");
                assertThat(value.isNumber()).as("HC-03 of the province for 2026-10: %s", province.body()).isTrue();
                // 100 · (114 + 70) / (120 + 80)
                assertThat(value.decimalValue()).isEqualByComparingTo("92");
            });
            await("the UNKNOWN_AREA rejection; the hub's log: " + hub.log()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> rejections = get(hub, "/api/rejections?limit=50");
                assertThat(rejections.statusCode()).as(rejections.body()).isEqualTo(200);
                assertThat(rejections.body()).contains("UNKNOWN_AREA");
            });
            awaitFirstQuarter(hub);

            Path screenshot = readAs == null ? SCREENSHOT : SECURE_SCREENSHOT;
            Files.deleteIfExists(screenshot);
            Files.createDirectories(screenshot.getParent());
            BrowserRun run = runBrowserTest(hub.url(), screenshot, readAs == null ? null : VIEWER, readAs == null ? null : VIEWER_PASSWORD);
            System.out.println("---- dashboard.test.mjs (exit code " + run.exitCode() + ")\n" + run.output() + "----");
            assertThat(run.exitCode()).as("node dashboard.test.mjs failed; its output:\n%s\nthe hub's log: %s", run.output(), hub.log())
                    .isZero();
            assertThat(screenshot).as("the screenshot of the dashboard").isRegularFile();
            assertThat(Files.size(screenshot)).as("the screenshot's size").isPositive();
        } finally {
            hub.stop();
        }
    }

    /**
     * Debian's Chromium and the test's playwright-core (npm ci --prefix hub-service/src/test/browser). When one is
     * missing the test is skipped, except with {@code CI=true} (.ci/run installs both), where it fails.
     */
    private static void browserIsInstalled() {
        boolean chromium = Files.isExecutable(CHROMIUM);
        boolean playwright = Files.isDirectory(PLAYWRIGHT);
        String missing = (chromium ? "" : CHROMIUM + " is missing (apt-get install chromium); ")
                + (playwright ? "" : PLAYWRIGHT.toAbsolutePath() + " is missing (npm ci --prefix hub-service/src/test/browser); ");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(missing).as("CI=true: the dashboard's browser test needs Chromium and playwright-core").isEmpty();
        } else {
            Assumptions.assumeTrue(missing.isEmpty(), () -> "dashboard browser test skipped: " + missing
                    + "install them to run it (CI=true makes this a failure)");
        }
    }

    /** The Văn phòng UBND's reports, sent once for both tests. */
    private synchronized void departmentReported(String bootstrap) throws Exception {
        if (reported) {
            return;
        }
        // the Văn phòng UBND's October dossiers of two communes, sent now, after the 2026-10-25 deadline: LATE
        // (the other departments sent nothing: MISSING); September too, so that the chart has a line
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
            for (IndicatorObservation observation : List.of(
                    observation("HC-01", "25747", "2026-09", "110"),
                    observation("HC-02", "25747", "2026-09", "99"),
                    observation("HC-01", "25942", "2026-09", "70"),
                    observation("HC-02", "25942", "2026-09", "60"),
                    observation("HC-01", "25747", "2026-10", "120"),
                    observation("HC-02", "25747", "2026-10", "114"),
                    observation("HC-01", "25942", "2026-10", "80"),
                    observation("HC-02", "25942", "2026-10", "70"),
                    // no area 99999 in the framework: UNKNOWN_AREA, for the rejections feed
                    observation("HC-01", "99999", "2026-10", "5"))) {
                producer.send(new ProducerRecord<>(topics.observations("VPUBND").name(),
                        RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()),
                        observation)).get();
            }
            for (IndicatorObservation observation : firstQuarterReports()) {
                producer.send(new ProducerRecord<>(topics.observations(observation.getDepartment()).name(),
                        RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()),
                        observation)).get();
            }
        }
        reported = true;
    }

    /**
     * DT-01 (registered FDI, triệu USD, SUM of the 4 districts) for January to March 2026, and March 2025 for three of
     * them; the Statistics Office's TK-DT-01 for 2025-Q1, 2025-Q4 and 2026-Q1, and TK-NS-01 for 2026-Q1 (no NS-01
     * report). The figures the browser test expects follow from these:
     * <pre>
     *            2026-01  2026-02  2026-03  year to date  2025-03
     *   718 TDM       30       35       40           105       32
     *   721 BC        20       25       30            75       24
     *   724 DA        25       20       35            80       40
     *   725 TA        25       20       25            70        —
     *   74            100      100      130           330       96 (3 of 4 districts)
     * </pre>
     * 2026-Q1 reconciled: DT-01 330 (12 of 12 unit-months) against TK-DT-01 300, +30 = +10 % &gt; 5 %: DIVERGENT;
     * TK-NS-01 4.5 without NS-01: NO_OPERATIONAL. 2025-Q1: 96 (3 of 12) against 100: INCOMPLETE; 2025-Q4: 280 alone.
     */
    private static List<IndicatorObservation> firstQuarterReports() {
        String[][] investment = {
                {"718", "30", "35", "40", "32"},
                {"721", "20", "25", "30", "24"},
                {"724", "25", "20", "35", "40"},
                {"725", "25", "20", "25", null}};
        List<IndicatorObservation> reports = new ArrayList<>();
        for (String[] district : investment) {
            for (int month = 1; month <= 3; month++) {
                reports.add(observation("SKHDT", "DT-01", district[0], "2026-0" + month, district[month], "triệu USD"));
            }
            if (district[4] != null) {
                reports.add(observation("SKHDT", "DT-01", district[0], "2025-03", district[4], "triệu USD"));
            }
        }
        reports.add(observation("CTK", "TK-DT-01", "74", "2025-Q1", "100", "triệu USD"));
        reports.add(observation("CTK", "TK-DT-01", "74", "2025-Q4", "280", "triệu USD"));
        reports.add(observation("CTK", "TK-DT-01", "74", "2026-Q1", "300", "triệu USD"));
        reports.add(observation("CTK", "TK-NS-01", "74", "2026-Q1", "4.5", "nghìn tỷ đồng"));
        return reports;
    }

    /** The first quarter's figures are all in: DT-01 compared with last year, and each reconciliation of DT-01 for the province. */
    private void awaitFirstQuarter(HubProcess hub) {
        await("DT-01 of 2026-03 with its year to date and March 2025; the hub's log: " + hub.log()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> compared = get(hub, "/api/values/DT-01/2026-03/compared");
            assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
            JsonNode province = area(new ObjectMapper().readTree(compared.body()).path("areas"), "74");
            assertThat(province.path("value").decimalValue()).as(compared.body()).isEqualByComparingTo("130");
            assertThat(province.path("yearToDate").path("value").decimalValue()).as(compared.body()).isEqualByComparingTo("330");
            assertThat(province.path("samePeriodLastYear").decimalValue()).as(compared.body()).isEqualByComparingTo("96");
        });
        await("the reconciliations of DT-01 for the province; the hub's log: " + hub.log()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> quarter = get(hub, "/api/reconciliation?period=2026-Q1");
            assertThat(quarter.statusCode()).as(quarter.body()).isEqualTo(200);
            JsonNode reconciliations = new ObjectMapper().readTree(quarter.body());
            assertThat(reconciliations.path("divergent").asInt()).as(quarter.body()).isEqualTo(1);
            assertThat(reconciliations.path("reconciliations").size()).as(quarter.body()).isEqualTo(2);
            HttpResponse<String> series = get(hub, "/api/reconciliation/DT-01?area=74");
            assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
            JsonNode points = new ObjectMapper().readTree(series.body()).path("points");
            assertThat(points.size()).as(series.body()).isEqualTo(3);
            assertThat(points.get(0).path("status").asString()).as(series.body()).isEqualTo("INCOMPLETE");
        });
    }

    private static JsonNode area(JsonNode areas, String code) {
        for (JsonNode area : areas) {
            if (code.equals(area.path("area").asString())) {
                return area;
            }
        }
        throw new AssertionError("no area " + code + " in " + areas);
    }

    private void applySampleFramework(HubProcess hub, String authorization) throws IOException {
        byte[] framework = Files.readAllBytes(SAMPLE_FRAMEWORK);
        // the API answers before the stream processing runs (health is DOWN until a framework is loaded)
        await("the hub's API takes the sample framework; the hub's log: " + hub.log()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            HttpRequest.Builder apply = HttpRequest.newBuilder(URI.create(hub.url() + "/api/catalog"))
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofByteArray(framework));
            if (authorization != null) {
                apply.header("Authorization", authorization);
            }
            HttpResponse<String> applied = http.send(apply.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        });
    }

    private static IndicatorObservation observation(String indicator, String area, String period, String value) {
        return observation("VPUBND", indicator, area, period, value, "hồ sơ");
    }

    private static IndicatorObservation observation(String department, String indicator, String area, String period, String value,
            String unit) {
        return HubTopologyDriver.observation(department, indicator, area, period, value, unit, 1);
    }

    private HttpResponse<String> get(HubProcess hub, String pathAndQuery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private record BrowserRun(int exitCode, String output) {
    }

    /**
     * {@code node src/test/browser/dashboard.test.mjs <hub> <screenshot>}, in the module's directory;
     * the user and password of secure mode, if any, in its environment.
     */
    private static BrowserRun runBrowserTest(String hubUrl, Path screenshot, String user, String password)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", BROWSER_TEST.resolve("dashboard.test.mjs").toString(), hubUrl, screenshot.toString())
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        if (user != null) {
            builder.environment().put("DMHUB_DASHBOARD_USER", user);
            builder.environment().put("DMHUB_DASHBOARD_PASSWORD", password);
        }
        Process node = builder.start();
        node.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = node.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!node.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor();
            return new BrowserRun(-1, output.join() + "\n(killed: no result within " + BROWSER_TIMEOUT + ")");
        }
        return new BrowserRun(node.exitValue(), output.join());
    }
}
