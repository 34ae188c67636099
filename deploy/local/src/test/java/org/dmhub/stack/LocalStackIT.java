package org.dmhub.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.Department;
import org.dmhub.stack.StackCommands.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drives {@code deploy/local/dmhub} as a user would, on its own ports and data folder so that it never touches a
 * stack the user is running: up, up again, down, up again finds the data; a killed hub is brought back alone; a
 * failed up leaves nothing behind. The tests share one stack and run in order: each starts from the state the
 * previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final StackCommands STACK = new StackCommands(Path.of("target/stack-it"));
    private static final Path HOME = STACK.home;
    private static final int BROKER_PORT = STACK.brokerPort;
    private static final int REGISTRY_PORT = STACK.registryPort;
    private static final int HUB_PORT = STACK.hubPort;
    private static final String BOOTSTRAP = "127.0.0.1:" + BROKER_PORT;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Topics topics = Topics.withDefaultPrefix();

    @BeforeAll
    static void freshDataFolder() throws IOException {
        STACK.freshDataFolder();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        dmhub("down");
    }

    @Test
    @Order(1)
    void upDownAndUpAgainKeepsTheData() throws Exception {
        Result up = dmhub("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output())
                .contains("broker   RUNNING  bootstrap=" + BOOTSTRAP)
                .contains("registry RUNNING  url=http://127.0.0.1:" + REGISTRY_PORT
                        + "  ccompat=http://127.0.0.1:" + REGISTRY_PORT + "/apis/ccompat/v7")
                .contains("hub      RUNNING  url=http://127.0.0.1:" + HUB_PORT);
        assertEveryComponentIsHealthy();
        Map<String, String> pids = pids();

        Result again = dmhub("up");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already up");
        assertThat(pids()).as("the same processes").isEqualTo(pids);

        Department published = new Department("SYT", "Sở Y tế");
        publish(published);

        Result down = dmhub("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(processesOfThisStack()).as("processes left by down").isEmpty();
        assertThat(dmhub("status").output()).containsPattern("(?m)^broker +STOPPED")
                .containsPattern("(?m)^registry +STOPPED").containsPattern("(?m)^hub +STOPPED");

        Result upAfterDown = dmhub("up");
        assertThat(upAfterDown.exitCode()).as(upAfterDown.output()).isZero();
        assertEveryComponentIsHealthy();
        assertThat(readDepartments()).as("the record published before down, decoded with the registry's schema")
                .contains(published);

        theReadmeWalkThroughGivesTheProvinceRateAndASecondSendChangesNothing();
        theImportSummarySaysWhatTheHubDidWithEachRow();
    }

    @Test
    @Order(2)
    void upAfterTheHubWasKilledStartsTheHubAloneAndLeavesBrokerAndRegistryAlone() throws Exception {
        assertUp(dmhub("up"));
        Map<String, String> before = pids();
        ProcessHandle hub = ProcessHandle.of(Long.parseLong(before.get("hub"))).orElseThrow();
        hub.destroyForcibly(); // SIGKILL: no shutdown hook, the pid file stays behind
        // a killed process may linger as a zombie until reaped: wait on what dmhub itself sees
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dmhub("status").output())
                .containsPattern("(?m)^hub +STOPPED").containsPattern("(?m)^broker +RUNNING"));

        Result up = dmhub("up");
        assertUp(up);
        assertThat(up.output()).contains("started: hub; already running: broker registry");
        assertEveryComponentIsHealthy();
        Map<String, String> after = pids();
        assertThat(after.get("broker")).as("broker pid").isEqualTo(before.get("broker"));
        assertThat(after.get("registry")).as("registry pid").isEqualTo(before.get("registry"));
        assertThat(after.get("hub")).as("hub pid").isNotEqualTo(before.get("hub"));
    }

    @Test
    @Order(3)
    void restartHubReplacesTheHubOnly() throws Exception {
        assertUp(dmhub("up"));
        Map<String, String> before = pids();

        Result restart = dmhub("restart", "hub");
        assertUp(restart);
        assertEveryComponentIsHealthy();
        Map<String, String> after = pids();
        assertThat(after.get("hub")).as("hub pid").isNotEqualTo(before.get("hub"));
        assertThat(processesOfThisStack()).extracting(ProcessHandle::pid).as("the old hub")
                .doesNotContain(Long.parseLong(before.get("hub")));
        assertThat(after.get("broker")).isEqualTo(before.get("broker"));
        assertThat(after.get("registry")).isEqualTo(before.get("registry"));
    }

    @Test
    @Order(4)
    void aFailedUpNamesTheComponentAndLeavesNothingRunningForTheNextUpToTripOver() throws Exception {
        assertThat(dmhub("down").exitCode()).isZero();

        try (ServerSocket taken = new ServerSocket(HUB_PORT, 1, InetAddress.getLoopbackAddress())) {
            Result up = dmhub("up");
            assertThat(up.exitCode()).as(up.output()).isNotZero();
            assertThat(up.output()).contains("hub cannot start: port " + HUB_PORT + " is already in use", "DMHUB_HUB_PORT");
            assertNothingOfTheStackIsLeft();
        }

        // the hub fails after broker and registry were started for it: both are stopped again
        Result broken = dmhub(Map.of("SPRING_CONFIG_IMPORT", "file:./no-such-hub-config.yml"), "up");
        assertThat(broken.exitCode()).as(broken.output()).isNotZero();
        assertThat(broken.output())
                .contains("dmhub: hub stopped before it was healthy; its log: " + HOME.resolve("logs/hub.log"))
                .contains("no-such-hub-config.yml")
                .contains("stopping what this command started: broker registry hub");
        assertNothingOfTheStackIsLeft();

        // pid files that lie: a dead pid, and a live pid of another program (this test's JVM)
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(HOME.resolve("pids/broker.pid"), finished.pid() + "\n");
        Files.writeString(HOME.resolve("pids/hub.pid"), ProcessHandle.current().pid() + "\n");
        assertThat(dmhub("status").output()).containsPattern("(?m)^broker +STOPPED").containsPattern("(?m)^hub +STOPPED");

        Result up = dmhub("up");
        assertUp(up);
        assertThat(up.output()).contains("broker: removed a stale pid file", "hub: removed a stale pid file",
                "started: broker registry hub");
        assertEveryComponentIsHealthy();
    }

    private static void assertUp(Result up) {
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).containsPattern("(?m)^broker +RUNNING").containsPattern("(?m)^registry +RUNNING")
                .containsPattern("(?m)^hub +RUNNING");
    }

    private static void assertNothingOfTheStackIsLeft() throws IOException {
        assertThat(processesOfThisStack()).as("processes of the stack left running").isEmpty();
        try (var files = Files.list(HOME.resolve("pids"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".pid")))
                    .as("pid files left").isEmpty();
        }
    }

    /** The README's "Try it": a department's CSV through {@code dmhub publish}, the province aggregate on the national topic. */
    private void theReadmeWalkThroughGivesTheProvinceRateAndASecondSendChangesNothing() throws Exception {
        Path file = Files.writeString(HOME.resolve("mot-cua.csv"), """
                indicator,area,period,value
                HC-01,25747,2026-10,120
                HC-02,25747,2026-10,114
                HC-01,25942,2026-10,80
                HC-02,25942,2026-10,70
                """, StandardCharsets.UTF_8);
        Result publish = dmhub("publish", "--department", "VPUBND", "--file", file.toString());
        assertThat(publish.exitCode()).as(publish.output()).isZero();
        assertThat(publish.output()).contains("4 rows published to dmhub.observations.VPUBND").containsPattern("(?m)^  accepted +4 ");
        // the components may reach the ratio's roll-up at different emits: wait for the latest aggregate to be 92
        List<String> rate = awaitNationalLines(lines -> !lines.isEmpty() && lines.get(lines.size() - 1).contains(
                "\"value\": 92.000000000000"));
        assertThat(rate.get(rate.size() - 1)).contains("\"area\": \"74\"", "\"period\": \"2026-10\"");

        Result again = dmhub("publish", "--department", "VPUBND", "--file", file.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).containsPattern("(?m)^  duplicates +4 ");
        awaitMetric("dmhub_observations_duplicate_total{department=\"VPUBND\"} 4.0");
        Thread.sleep(3_000); // three emit intervals: time for a wrongly changed aggregate to be published
        assertThat(awaitNationalLines(lines -> true)).as("no new aggregate after the same file again").isEqualTo(rate);
    }

    /** The hub's receipts, through dmhub publish: a new value, a duplicate, a stale revision and a conflict, counted apart. */
    private void theImportSummarySaysWhatTheHubDidWithEachRow() throws Exception {
        Path first = Files.writeString(HOME.resolve("thang-11.csv"), """
                indicator,area,period,value,revision
                HC-01,25747,2026-11,10,5
                HC-01,25942,2026-11,7,5
                HC-02,25942,2026-11,6,5
                """, StandardCharsets.UTF_8);
        Result accepted = dmhub("publish", "--department", "VPUBND", "--file", first.toString());
        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(accepted.output()).containsPattern("(?m)^  accepted +3 ");

        Path second = Files.writeString(HOME.resolve("thang-11-lan-2.csv"), """
                indicator,area,period,value,revision
                HC-01,25747,2026-11,10,5
                HC-01,25942,2026-11,6,3
                HC-02,25942,2026-11,5,5
                HC-02,25747,2026-11,9,5
                """, StandardCharsets.UTF_8);
        Result mixed = dmhub("publish", "--department", "VPUBND", "--file", second.toString());
        assertThat(mixed.exitCode()).as(mixed.output()).isEqualTo(5);
        assertThat(mixed.output()).containsPattern("(?m)^  accepted +1 ").containsPattern("(?m)^  duplicates +1 ")
                .containsPattern("(?m)^  stale +1 ").containsPattern("(?m)^  rejected +1 ")
                .contains("row 3, stale: HC-01|25942|2026-11 revision 3 changed nothing: the hub keeps revision 5")
                .contains("row 4, rejected by the hub: HC-02|25942|2026-11").contains("REVISION_CONFLICT");
    }

    /** The national topic's HC-03 lines of 2026-10 (not of its quarter, half-year and year), once {@code done} holds for them (60 s at most). */
    private static List<String> awaitNationalLines(java.util.function.Predicate<List<String>> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        List<String> lines = List.of();
        while (Instant.now().isBefore(deadline)) {
            lines = dmhub("read", "national").output().lines().filter(line -> line.contains("\"indicator\": \"HC-03\"")
                    && line.contains("\"period\": \"2026-10\"")).toList();
            if (done.test(lines)) {
                return lines;
            }
        }
        throw new AssertionError("the national HC-03 aggregates never reached the expected state; read " + lines);
    }

    private void awaitMetric(String line) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String metrics = "";
        while (Instant.now().isBefore(deadline)) {
            metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HUB_PORT + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.lines().anyMatch(line::equals)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the hub's metrics never showed " + line + ":\n" + metrics);
    }

    private void assertEveryComponentIsHealthy() throws Exception {
        assertThat(statusCode("http://127.0.0.1:" + HUB_PORT + "/actuator/health")).isEqualTo(200);
        assertThat(statusCode("http://127.0.0.1:" + REGISTRY_PORT + "/health/ready")).isEqualTo(200);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .containsAll(topics.sharedTopics().stream().map(topic -> topic.name()).toList());
        }
        String status = dmhub("status").output();
        assertThat(status).containsPattern("(?m)^broker +RUNNING +bootstrap=" + BOOTSTRAP + "$")
                .containsPattern("(?m)^registry +RUNNING +url=")
                .containsPattern("(?m)^hub +RUNNING +url=http://127.0.0.1:" + HUB_PORT + "$");
    }

    private void publish(Department department) throws Exception {
        Map<String, Object> config = new HashMap<>(serdes().producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (KafkaProducer<String, Department> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topics.departments().name(), department.getCode(), department)).get();
        }
    }

    private List<Department> readDepartments() {
        Map<String, Object> config = new HashMap<>(serdes().consumerConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, Department> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topics.departments().name()));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                List<Department> read = new java.util.ArrayList<>();
                for (ConsumerRecord<String, Department> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.value());
                }
                if (!read.isEmpty()) {
                    return read;
                }
            }
            return List.of();
        }
    }

    private RegistrySerdes serdes() {
        return new RegistrySerdes("http://127.0.0.1:" + REGISTRY_PORT);
    }

    private Map<String, String> pids() throws IOException {
        Map<String, String> pids = new HashMap<>();
        for (String component : List.of("broker", "registry", "hub")) {
            pids.put(component, Files.readString(HOME.resolve("pids/" + component + ".pid")).trim());
        }
        return pids;
    }

    private static List<ProcessHandle> processesOfThisStack() {
        return STACK.processes();
    }

    private int statusCode(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Result dmhub(String... arguments) throws Exception {
        return STACK.dmhub(Map.of(), arguments);
    }

    private static Result dmhub(Map<String, String> extraEnvironment, String... arguments) throws Exception {
        return STACK.dmhub(extraEnvironment, arguments);
    }
}
