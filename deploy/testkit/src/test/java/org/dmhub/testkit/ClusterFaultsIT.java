package org.dmhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.testsupport.ConfluentWireDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * A production-shaped cluster in containers — three KRaft brokers (replication factor 3, min.insync.replicas 2), the
 * registry and two hub instances sharing the work — while observations stream in: one broker killed and restarted,
 * one hub instance killed, a broker cut off from the others and reconnected. Afterwards the view equals the
 * computation from scratch over what was sent (nothing lost, nothing counted twice), and the surviving instance
 * answered the API throughout.
 */
@ExtendWith(ContainersRequired.class)
class ClusterFaultsIT {

    private static final Path SAMPLE_FRAMEWORK = Path.of("../local/sample-framework.yaml");
    private static final String VOTERS = "1@b1:9093,2@b2:9093,3@b3:9093";
    private static final List<String> MONTHS = List.of("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06");
    private static final int OBSERVATIONS = 8_000;

    private final DockerClient docker = DockerClientFactory.lazyClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theViewEqualsItsComputationFromScratchAfterBrokerAndHubFailures() throws Exception {
        List<GenericContainer<?>> containers = new ArrayList<>();
        try (Network network = Network.newNetwork()) {
            List<Integer> ports = List.of(freePort(), freePort(), freePort());
            List<GenericContainer<?>> brokers = new ArrayList<>();
            for (int node = 1; node <= 3; node++) {
                brokers.add(broker(network, node, ports.get(node - 1)));
            }
            containers.addAll(brokers);
            Startables.deepStart(brokers).join();

            GenericContainer<?> registry = new GenericContainer<>(DmHubContainers.image("schema-registry")).withNetwork(network)
                    .withNetworkAliases("registry").withEnv("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry")
                    .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m").withExposedPorts(8080)
                    .waitingFor(Wait.forHttp("/health/ready").forPort(8080).withStartupTimeout(Duration.ofMinutes(2)));
            containers.add(registry);
            registry.start();
            GenericContainer<?> first = hub(network, "h1");
            GenericContainer<?> second = hub(network, "h2");
            containers.add(first);
            containers.add(second);
            Startables.deepStart(first, second).join();
            String registryUrl = "http://localhost:" + registry.getMappedPort(8080);
            String firstUrl = "http://localhost:" + first.getMappedPort(18080);
            String secondUrl = "http://localhost:" + second.getMappedPort(18080);
            assertThat(post(firstUrl + "/api/catalog", SAMPLE_FRAMEWORK).statusCode()).isEqualTo(200);
            awaitUp(firstUrl);
            awaitUp(secondUrl);

            Map<String, List<String>> tree = areaTree(secondUrl);
            List<String> communes = tree.entrySet().stream().filter(area -> area.getValue().size() == 3).map(Map.Entry::getKey).sorted().toList();
            String bootstrap = "localhost:" + ports.get(0) + ",localhost:" + ports.get(1) + ",localhost:" + ports.get(2);

            // the second instance is asked for the province's value all along
            AtomicBoolean polling = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger unanswered = new AtomicInteger();
            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<?> poller = background.submit(() -> {
                while (polling.get()) {
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(secondUrl + "/api/values/NS-01/2025-06?area=74"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        answers.computeIfAbsent(answer.statusCode(), any -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException noAnswer) {
                        unanswered.incrementAndGet();
                    }
                    Thread.sleep(200);
                }
                return null;
            });

            // observations of NS-01: every commune and month, then corrections, duplicates and retractions, in a random order
            Random random = new Random(20261201);
            Map<String, IndicatorObservation> latest = new HashMap<>();
            Map<String, Long> revisions = new HashMap<>();
            List<IndicatorObservation> sent = new ArrayList<>();
            for (int i = 0; i < OBSERVATIONS; i++) {
                String commune = communes.get(random.nextInt(communes.size()));
                String month = MONTHS.get(random.nextInt(MONTHS.size()));
                String key = RecordKeys.valueKey("NS-01", commune, month);
                IndicatorObservation observation;
                if (latest.containsKey(key) && random.nextInt(10) == 0) {
                    observation = latest.get(key); // the same event sent again
                } else {
                    long revision = revisions.merge(key, 1L, Long::sum);
                    boolean retracted = revision > 1 && random.nextInt(8) == 0;
                    observation = observation(commune, month, retracted ? null : BigDecimal.valueOf(random.nextInt(100_000), 2), revision);
                }
                latest.put(key, observation);
                sent.add(observation);
            }

            RegistrySerdes serdes = new RegistrySerdes(registryUrl);
            Map<String, Object> config = new HashMap<>(serdes.producerConfig());
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
            List<String> moments = new ArrayList<>();
            try (KafkaProducer<String, IndicatorObservation> producer = new KafkaProducer<>(config)) {
                String topic = Topics.withDefaultPrefix().observations("STC").name();
                for (int i = 0; i < sent.size(); i++) {
                    IndicatorObservation observation = sent.get(i);
                    producer.send(new ProducerRecord<>(topic, RecordKeys.valueKey(observation.getIndicator(), observation.getArea(),
                            observation.getPeriod()), observation));
                    if (i == OBSERVATIONS / 4) {
                        producer.flush();
                        moments.add(i + " sent: broker 2 killed");
                        docker.killContainerCmd(brokers.get(1).getContainerId()).exec();
                    } else if (i == OBSERVATIONS * 3 / 8) {
                        producer.flush();
                        moments.add(i + " sent: broker 2 started again");
                        docker.startContainerCmd(brokers.get(1).getContainerId()).exec();
                    } else if (i == OBSERVATIONS / 2) {
                        producer.flush();
                        moments.add(i + " sent: hub instance h1 killed");
                        docker.killContainerCmd(first.getContainerId()).exec();
                    } else if (i == OBSERVATIONS * 5 / 8) {
                        producer.flush();
                        moments.add(i + " sent: broker 3 cut off from the network");
                        docker.disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(brokers.get(2).getContainerId()).exec();
                    } else if (i == OBSERVATIONS * 3 / 4) {
                        producer.flush();
                        moments.add(i + " sent: broker 3 reconnected");
                        docker.connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(brokers.get(2).getContainerId())
                                .withContainerNetwork(new ContainerNetwork().withAliases("b3")).exec();
                    }
                    if (i % 10 == 0) {
                        Thread.sleep(50); // about 200 a second for 40 s: each fault lasts seconds while observations stream in
                    }
                }
                producer.flush();
            }
            moments.forEach(moment -> System.out.println("ClusterFaultsIT: " + moment));

            Map<String, BigDecimal> expected = fromScratch(latest, tree);
            ConfluentWireDecoder decoder = new ConfluentWireDecoder(registryUrl + "/apis/ccompat/v7");
            Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "view-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            Map<String, AreaValue> view = new HashMap<>();
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
                reader.subscribe(List.of(Topics.withDefaultPrefix().viewValues().name()));
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    reader.poll(Duration.ofSeconds(1)).forEach(record -> view.put(record.key(), decoder.decode(record.value(), AreaValue.class)));
                    Map<String, BigDecimal> got = new LinkedHashMap<>();
                    view.forEach((key, value) -> {
                        if (key.startsWith("NS-01|") && MONTHS.contains(value.getPeriod())) {
                            got.put(key, value.getValue() == null ? null : value.getValue().stripTrailingZeros());
                        }
                    });
                    assertThat(got).isEqualTo(expected);
                });
            }
            polling.set(false);
            poller.get();
            background.shutdown();
            System.out.println("ClusterFaultsIT: " + sent.size() + " observations sent (" + latest.size() + " keys); the view's "
                    + expected.size() + " values equal the computation from scratch; h2 answered " + answers + ", unanswered "
                    + unanswered.get());
            assertThat(unanswered.get()).as("the surviving instance answered every request").isZero();
            assertThat(answers.getOrDefault(200, new AtomicInteger()).get()).isPositive();
            assertThat(answers.keySet()).as("200, or 503 while the work moved between instances").isSubsetOf(200, 404, 503);
        } finally {
            for (GenericContainer<?> container : containers) {
                container.stop();
            }
        }
    }

    /** Per key the last event sent wins (revisions only go up), then each area's sum over its communes. */
    private static Map<String, BigDecimal> fromScratch(Map<String, IndicatorObservation> latest, Map<String, List<String>> tree) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Integer> reporting = new HashMap<>();
        Map<String, Boolean> present = new HashMap<>();
        latest.values().forEach(observation -> {
            for (String area : tree.get(observation.getArea())) {
                String key = RecordKeys.valueKey("NS-01", area, observation.getPeriod());
                present.put(key, true);
                if (observation.getValue() != null) {
                    sums.merge(key, observation.getValue(), BigDecimal::add);
                    reporting.merge(key, 1, Integer::sum);
                }
            }
        });
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        present.keySet().forEach(key -> expected.put(key, reporting.containsKey(key) ? sums.get(key).stripTrailingZeros() : null));
        return expected;
    }

    /** Each area with itself and the areas above it. */
    private Map<String, List<String>> areaTree(String hubUrl) throws Exception {
        JsonNode areas = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/catalog/areas")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> parents = new HashMap<>();
        areas.forEach(area -> parents.put(area.path("code").asText(), area.path("parent").isNull() ? null : area.path("parent").asText(null)));
        Map<String, List<String>> tree = new HashMap<>();
        parents.keySet().forEach(code -> {
            List<String> chain = new ArrayList<>();
            for (String current = code; current != null; current = parents.get(current)) {
                chain.add(current);
            }
            tree.put(code, chain);
        });
        return tree;
    }

    private GenericContainer<?> broker(Network network, int node, int externalPort) {
        return new FixedPortBroker(externalPort).withNetwork(network).withNetworkAliases("b" + node)
                .withEnv("KAFKA_NODE_ID", String.valueOf(node))
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", VOTERS)
                .withEnv("KAFKA_LISTENERS", "INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:" + externalPort + ",CONTROLLER://0.0.0.0:9093")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://b" + node + ":19092,EXTERNAL://localhost:" + externalPort)
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("org.dmhub.testkit.b" + node)))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    private GenericContainer<?> hub(Network network, String name) {
        return new GenericContainer<>(DmHubContainers.image("hub")).withNetwork(network).withNetworkAliases(name)
                .withEnv("SPRING_KAFKA_BOOTSTRAP_SERVERS", "b1:19092,b2:19092,b3:19092")
                .withEnv("DMHUB_REGISTRY_URL", "http://registry:8080")
                .withEnv("DMHUB_ADVERTISED_HOST", name)
                .withEnv("DMHUB_TOPICS_REPLICATION_FACTOR", "3")
                .withEnv("DMHUB_TOPICS_PARTITIONS", "3")
                .withEnv("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "3")
                .withEnv("DMHUB_ROLLUP_EMIT_INTERVAL", "200ms")
                .withEnv("JAVA_TOOL_OPTIONS", "-Xmx768m")
                .withExposedPorts(18080)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("org.dmhub.testkit." + name)))
                .waitingFor(Wait.forHttp("/actuator/health").forPort(18080)
                        .forStatusCodeMatching(status -> status == 200 || status == 503).withStartupTimeout(Duration.ofMinutes(4)));
    }

    private static IndicatorObservation observation(String commune, String month, BigDecimal value, long revision) {
        return IndicatorObservation.newBuilder().setEventId(UUID.randomUUID().toString()).setIndicator("NS-01").setDepartment("STC")
                .setArea(commune).setPeriod(month).setValue(value == null ? null : value.setScale(12)).setUnit("tỷ đồng")
                .setRevision(revision).setStatus(value == null ? ObservationStatus.RETRACTED : ObservationStatus.REPORTED)
                .setObservedAt(Instant.parse("2026-11-01T00:00:00Z")).setPublishedAt(Instant.now()).setSource("cluster-faults").build();
    }

    private HttpResponse<String> post(String url, Path file) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitUp(String hubUrl) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A broker whose client port is the same inside and outside: it tells clients the address to come back to. */
    private static final class FixedPortBroker extends GenericContainer<FixedPortBroker> {
        FixedPortBroker(int port) {
            super(DmHubContainers.image("kafka"));
            addFixedExposedPort(port, port);
        }
    }
}
