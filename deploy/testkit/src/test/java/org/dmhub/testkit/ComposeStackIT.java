package org.dmhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack of deploy/compose as the README starts it (three brokers, the registry on PostgreSQL with its
 * identity provider, two hubs, Prometheus; secure), under a project name and on ports of its own: up and healthy,
 * the README's report published with {@code dmhub-compose}, HC-03 = 92 read from the national topic as the national
 * consumer, anonymous changes refused, both hubs scraped, and every query of the Grafana dashboard answered.
 */
@ExtendWith({ContainersRequired.class, ComposeRequired.class})
class ComposeStackIT {

    private static final Path COMPOSE = Path.of("../compose").toAbsolutePath().normalize();
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean started;

    @BeforeAll
    static void up() {
        ENVIRONMENT.put("COMPOSE_PROJECT_NAME", "dmhub-compose-it");
        ENVIRONMENT.put("DMHUB_VERSION", DmHubContainers.VERSION);
        for (String port : List.of("DMHUB_HUB_PORT", "DMHUB_HUB_2_PORT", "DMHUB_REGISTRY_PORT", "DMHUB_PROMETHEUS_PORT")) {
            ENVIRONMENT.put(port, String.valueOf(DmHubContainers.freePort()));
        }
        // what an earlier, interrupted run may have left
        run(Duration.ofMinutes(2), "docker", "compose", "-f", "compose.yaml", "down", "--volumes", "--remove-orphans");
        started = true;
        Result up = run(Duration.ofMinutes(6), "docker", "compose", "-f", "compose.yaml", "up", "--detach", "--wait", "--wait-timeout", "300");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    static void down() {
        if (started) {
            // run() prints what each container came to
            run(Duration.ofMinutes(1), "docker", "compose", "-f", "compose.yaml", "ps", "--all");
            run(Duration.ofMinutes(3), "docker", "compose", "-f", "compose.yaml", "down", "--volumes", "--remove-orphans");
        }
    }

    @Test
    void theReadmesReportGoesThroughTheSecureClusterToTheNationalTopic(@TempDir Path folder) throws Exception {
        for (String port : List.of("DMHUB_HUB_PORT", "DMHUB_HUB_2_PORT")) {
            HttpResponse<String> health = get(hub(port) + "/actuator/health");
            assertThat(health.statusCode()).as(port + ": " + health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
        Path report = Files.writeString(folder.resolve("mot-cua.csv"), """
                indicator,area,period,value
                HC-01,25747,2026-10,120
                HC-02,25747,2026-10,114
                HC-01,25942,2026-10,80
                HC-02,25942,2026-10,70
                """);
        Result published = run(Duration.ofMinutes(3), "./dmhub-compose", "publish", "--department", "VPUBND", "--file", report.toString());
        assertThat(published.exitCode()).as(published.output()).isZero();
        assertThat(published.output()).containsPattern("accepted\\s+4");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Result national = run(Duration.ofMinutes(2), "./dmhub-compose", "read", "national", "--timeout", "5s");
            assertThat(national.exitCode()).as(national.output()).isZero();
            // the topic keeps each revision until it is compacted: the last one is the province's value
            assertThat(national.output().lines().filter(line -> line.contains("\"indicator\": \"HC-03\"")
                    && line.contains("\"area\": \"74\"") && line.contains("\"period\": \"2026-10\"")).toList())
                    .as(national.output()).last().asString().contains("\"value\": 92.000000000000", "\"contributing\": 2");
        });
    }

    @Test
    void nothingChangesWithoutALogin() throws Exception {
        assertThat(get(hub("DMHUB_HUB_PORT") + "/api/values/HC-03/2026-10").statusCode()).isEqualTo(401);
        HttpResponse<String> register = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + ENVIRONMENT.get("DMHUB_REGISTRY_PORT") + "/apis/ccompat/v7/subjects/intruder-value/versions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(register.statusCode()).as(register.body()).isEqualTo(401);
        // reading stays open to any Confluent-compatible client
        assertThat(get("http://127.0.0.1:" + ENVIRONMENT.get("DMHUB_REGISTRY_PORT") + "/apis/ccompat/v7/subjects").body())
                .contains("dmhub.observations.VPUBND-value");
    }

    @Test
    void theSchemasAreKeptInPostgresql() {
        Result versions = run(Duration.ofMinutes(1), "docker", "compose", "-f", "compose.yaml", "exec", "-T", "postgres",
                "/opt/postgresql-bin/psql", "-h", "/tmp", "-U", "dmhub", "-d", "registry", "-tAc", "SELECT count(*) FROM versions");
        assertThat(versions.exitCode()).as(versions.output()).isZero();
        assertThat(Integer.parseInt(versions.output().strip())).as("schema versions in PostgreSQL").isGreaterThanOrEqualTo(10);
    }

    @Test
    void prometheusScrapesBothHubsAndAnswersEveryQueryOfTheDashboard() throws Exception {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(query("sum(up{job=\"dmhub-hub\"})").path("data").path("result").get(0).path("value").get(1).asText())
                        .isEqualTo("2"));
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(COMPOSE.resolve("grafana/dashboards/dmhub-hub.json")));
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(10);
        for (String expression : queries) {
            JsonNode answer = query(expression);
            assertThat(answer.path("status").asText()).as(expression + ": " + answer).isEqualTo("success");
        }
    }

    private static JsonNode query(String expression) throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + ENVIRONMENT.get("DMHUB_PROMETHEUS_PORT") + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(response.body());
    }

    private static String hub(String portVariable) {
        return "http://127.0.0.1:" + ENVIRONMENT.get(portVariable);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Result(int exitCode, String output) {
    }

    /** A command in deploy/compose with the test's environment; its output (stdout and stderr) is also printed. */
    private static Result run(Duration timeout, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(COMPOSE.toFile()).redirectErrorStream(true);
            builder.environment().putAll(ENVIRONMENT);
            Process process = builder.start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append("(output lost: ").append(e.getMessage()).append(')');
                }
            });
            reader.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(5000);
                return new Result(-1, String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
            }
            reader.join(5000);
            System.out.println("$ " + String.join(" ", command) + "\n" + output);
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
