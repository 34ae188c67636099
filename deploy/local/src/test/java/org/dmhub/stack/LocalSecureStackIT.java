package org.dmhub.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.Map;
import org.dmhub.stack.StackCommands.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code deploy/local/dmhub up --secure} as a user would run it: every component logs its clients in, the README's
 * walk-through works with the department's and the national consumer's own credentials, and what their rights do not
 * allow is refused by the broker, the registry and the hub's API. The tests share one stack and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSecureStackIT {

    private static final StackCommands STACK = new StackCommands(Path.of("target/secure-stack-it"));
    private static final Path ROOT = StackCommands.ROOT;
    private static final Path HOME = STACK.home;
    private static final Path SECRETS = HOME.resolve("secure");
    private static final int BROKER_PORT = STACK.brokerPort;
    private static final int REGISTRY_PORT = STACK.registryPort;
    private static final int HUB_PORT = STACK.hubPort;
    private static final Path CONNECTOR_JAR = ROOT.resolve("connector-sdk/target/dmhub-connector.jar");

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void freshDataFolder() throws IOException {
        STACK.freshDataFolder();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        dmhub(Map.of(), "down");
    }

    @Test
    @Order(1)
    void upSecureStartsEveryComponentAndKeepsTheCredentialsForTheirOwnersOnly() throws Exception {
        Result up = dmhub(Map.of(), "up", "--secure");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).containsPattern("(?m)^broker +RUNNING .*SASL_SSL").containsPattern("(?m)^identity +RUNNING")
                .containsPattern("(?m)^registry +RUNNING").containsPattern("(?m)^hub +RUNNING");
        assertThat(permissions(SECRETS)).isEqualTo("rwx------");
        assertThat(permissions(SECRETS.resolve("focal-point.password"))).isEqualTo("rw-------");
        // the sample framework was applied: every department got its login, written for it alone
        assertThat(permissions(SECRETS.resolve("credentials/VPUBND.password"))).isEqualTo("rw-------");
        assertThat(permissions(SECRETS.resolve("credentials/national.password"))).isEqualTo("rw-------");
        assertThat(Files.readString(HOME.resolve("logs/hub.log"))).doesNotContain(secret("credentials/VPUBND.password"),
                secret("focal-point.password"));
        // no process of the stack has a password on its command line
        for (ProcessHandle process : STACK.processes()) {
            String commandLine = String.join(" ", process.info().arguments().map(List::of).orElse(List.of()));
            assertThat(commandLine).doesNotContain(secret("focal-point.password"), secret("dmhub-hub.password"),
                    secret("broker.password"), secret("keystore.password"));
        }
    }

    @Test
    @Order(2)
    void theReadmeWalkThroughWorksWithTheDepartmentsAndTheNationalConsumersOwnLogins() throws Exception {
        Path file = Files.writeString(HOME.resolve("mot-cua.csv"), """
                indicator,area,period,value
                HC-01,25747,2026-10,120
                HC-02,25747,2026-10,114
                HC-01,25942,2026-10,80
                HC-02,25942,2026-10,70
                """, StandardCharsets.UTF_8);

        Result publish = dmhub(Map.of(), "publish", "--department", "VPUBND", "--file", file.toString());

        assertThat(publish.exitCode()).as(publish.output()).isZero();
        assertThat(publish.output()).containsPattern("(?m)^  accepted +4 ");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Result read = dmhub(Map.of(), "read", "national", "--timeout", "3s");
            assertThat(read.exitCode()).as(read.output()).isZero();
            List<String> lines = read.output().lines().filter(line -> line.contains("\"indicator\": \"HC-03\"")).toList();
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).contains("\"area\": \"74\"", "\"value\": 92.000000000000");
        });
    }

    @Test
    @Order(3)
    void aDepartmentMayNotWriteAnotherDepartmentsTopic() throws Exception {
        Path file = Files.writeString(HOME.resolve("ngan-sach.csv"), "indicator,area,period,value\nNS-01,25747,2026-10,5\n",
                StandardCharsets.UTF_8);

        // VPUBND's login, STC's topic
        Result publish = connector("VPUBND", "--department", "STC", "--spool", HOME.resolve("spool-wrong").toString(),
                "publish", "--file", file.toString(), "--no-wait");

        assertThat(publish.exitCode()).as(publish.output()).isNotZero();
        assertThat(publish.output()).contains("the broker does not allow this", "dmhub.observations.STC");
    }

    @Test
    @Order(4)
    void theNationalConsumerMayReadTheNationalTopicOnly() throws Exception {
        Result view = connector("national", "read", "--topic", "view", "--timeout", "3s");

        assertThat(view.exitCode()).as(view.output()).isNotZero();
        assertThat(view.output()).contains("the broker does not allow this");
    }

    @Test
    @Order(5)
    void aWrongPasswordIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(HOME.resolve("sai-mat-khau.csv"), "indicator,area,period,value\nHC-01,25747,2026-09,1\n",
                StandardCharsets.UTF_8);

        Result publish = connectorWithPassword("VPUBND", "not-the-password", "--department", "VPUBND", "--spool",
                HOME.resolve("spool-wrong-password").toString(), "publish", "--file", file.toString(), "--no-wait");

        assertThat(publish.exitCode()).as(publish.output()).isNotZero();
        assertThat(publish.output()).contains("the broker refused the login").doesNotContain("\tat org.");
    }

    @Test
    @Order(6)
    void theApiNeedsALoginAndChangesNeedTheFocalPoint() throws Exception {
        URI catalog = URI.create("http://127.0.0.1:" + HUB_PORT + "/api/catalog");
        String framework = Files.readString(ROOT.resolve("deploy/local/sample-framework.yaml"));

        URI indicators = URI.create(catalog + "/indicators");
        assertThat(send(HttpRequest.newBuilder(indicators).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(indicators).header("Authorization", basic("viewer")).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(catalog).header("Authorization", basic("viewer"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(framework)).build())
                .statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(catalog + "?dryRun=true")).header("Authorization", basic("focal-point"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(framework)).build())
                .statusCode()).isEqualTo(200);
        // a page of another site posting text/plain, as a browser may without asking first
        assertThat(send(HttpRequest.newBuilder(catalog).header("Content-Type", "text/plain").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(framework)).build())
                .statusCode()).isIn(401, 403, 415);
        // the health summary is everyone's, its details are the focal point's
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HUB_PORT + "/actuator/health")).build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("components");
    }

    @Test
    @Order(7)
    void theRegistryTakesNoSchemaFromAnAnonymousClient() throws Exception {
        URI artifacts = URI.create("http://127.0.0.1:" + REGISTRY_PORT + "/apis/registry/v2/groups/default/artifacts");
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(artifacts).header("Content-Type", "application/json")
                .header("X-Registry-ArtifactId", "dmhub.observations.VPUBND-value").header("X-Registry-ArtifactType", "AVRO")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}")).build());

        assertThat(anonymous.statusCode()).as(anonymous.body()).isIn(401, 403);
        // reading stays open: the schemas are the public contract
        assertThat(send(HttpRequest.newBuilder(URI.create(artifacts.toString().replace("/groups/default/artifacts",
                "/search/artifacts"))).build()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) throws IOException {
        String password = user.equals("focal-point") ? secret("focal-point.password") : secret(user + ".password");
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String secret(String file) throws IOException {
        return Files.readString(SECRETS.resolve(file)).trim();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The connector's command line logged in as {@code user} with its own password. */
    private static Result connector(String user, String... arguments) throws Exception {
        return connectorWithPassword(user, secret("credentials/" + user + ".password"), arguments);
    }

    private static Result connectorWithPassword(String user, String password, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CONNECTOR_JAR.toString(), "--bootstrap-servers", "127.0.0.1:" + BROKER_PORT,
                "--registry-url", "http://127.0.0.1:" + REGISTRY_PORT, "--username", user, "--password-env", "DMHUB_TEST_PASSWORD",
                "--truststore", SECRETS.resolve("ca.pem").toString()));
        command.addAll(List.of(arguments));
        return STACK.run(command, Map.of("DMHUB_TEST_PASSWORD", password));
    }

    private static Result dmhub(Map<String, String> extraEnvironment, String... arguments) throws Exception {
        return STACK.dmhub(extraEnvironment, arguments);
    }
}
