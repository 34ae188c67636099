package org.dmhub.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker, the schema registry and the hub in Docker containers on a network of their own, the hub with the
 * given framework applied: everything a department's connector talks to, for its tests.
 *
 * <pre>{@code
 * try (DmHubContainers hub = DmHubContainers.start(Path.of("framework.yaml"))) {
 *     // from the test: hub.bootstrapServers(), hub.registryUrl(), hub.hubUrl()
 *     // from another container on hub.network(): DmHubContainers.BROKER, DmHubContainers.REGISTRY
 * }
 * }</pre>
 *
 * The images are those of the same DM Hub version ({@code dmhub/hub}, {@code dmhub/schema-registry},
 * {@code dmhub/kafka}, {@code dmhub/connector}), built by {@code deploy/images}.
 */
public final class DmHubContainers implements AutoCloseable {

    /** The DM Hub version whose images are started. */
    public static final String VERSION = version();
    /** The broker's address for containers on {@link #network()}. */
    public static final String BROKER = "broker:19092";
    /** The registry's address for containers on {@link #network()}. */
    public static final String REGISTRY = "http://registry:8080";

    private static final int HUB_PORT = 18080;
    private static final int REGISTRY_PORT = 8080;

    private final Network network;
    private final int brokerPort;
    private final GenericContainer<?> broker;
    private final GenericContainer<?> registry;
    private final GenericContainer<?> hub;

    private DmHubContainers(Network network, int brokerPort, GenericContainer<?> broker, GenericContainer<?> registry,
            GenericContainer<?> hub) {
        this.network = network;
        this.brokerPort = brokerPort;
        this.broker = broker;
        this.registry = registry;
        this.hub = hub;
    }

    /** Whether a Docker engine answers and this version's images are there to start. */
    public static boolean available() {
        return unavailableBecause().isEmpty();
    }

    /** Why the containers cannot be started here: no Docker engine, or an image missing; empty when they can. */
    public static Optional<String> unavailableBecause() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.of("no Docker engine answers");
            }
        } catch (RuntimeException noEngine) {
            return Optional.of("no Docker engine answers (" + noEngine.getMessage() + ")");
        }
        for (String image : List.of(image("hub"), image("schema-registry"), image("kafka"), image("connector"))) {
            try {
                DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
            } catch (RuntimeException missing) {
                return Optional.of("the image " + image + " is not there (" + missing.getMessage()
                        + "); deploy/images builds it when a Docker engine answers at /var/run/docker.sock");
            }
        }
        return Optional.empty();
    }

    /** The image {@code dmhub/<name>} of this version. */
    public static String image(String name) {
        return "dmhub/" + name + ":" + VERSION;
    }

    /**
     * Starts the broker, the registry and the hub, applies the framework file and waits until the hub's health is UP.
     * Each container's output goes to the log (SLF4J logger {@code org.dmhub.testkit.<container>}).
     */
    public static DmHubContainers start(Path framework) {
        Network network = Network.newNetwork();
        int brokerPort = freePort();
        List<GenericContainer<?>> started = new ArrayList<>();
        try {
            GenericContainer<?> broker = new BrokerContainer(brokerPort).withNetwork(network).withNetworkAliases("broker");
            start(broker, "broker", started);
            GenericContainer<?> registry = new GenericContainer<>(image("schema-registry"))
                    .withNetwork(network).withNetworkAliases("registry")
                    .withEnv("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry")
                    .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m")
                    .withExposedPorts(REGISTRY_PORT)
                    .waitingFor(Wait.forHttp("/health/ready").forPort(REGISTRY_PORT).withStartupTimeout(Duration.ofMinutes(2)));
            start(registry, "registry", started);
            GenericContainer<?> hub = new GenericContainer<>(image("hub"))
                    .withNetwork(network).withNetworkAliases("hub")
                    .withEnv("SPRING_KAFKA_BOOTSTRAP_SERVERS", BROKER)
                    .withEnv("DMHUB_REGISTRY_URL", REGISTRY)
                    .withEnv("DMHUB_ADVERTISED_HOST", "hub")
                    .withEnv("DMHUB_ROLLUP_EMIT_INTERVAL", "200ms")
                    .withEnv("JAVA_TOOL_OPTIONS", "-Xmx768m")
                    .withExposedPorts(HUB_PORT)
                    // answering at all (DOWN until a framework is loaded)
                    .waitingFor(Wait.forHttp("/actuator/health").forPort(HUB_PORT)
                            .forStatusCodeMatching(status -> status == 200 || status == 503).withStartupTimeout(Duration.ofMinutes(3)));
            start(hub, "hub", started);
            DmHubContainers containers = new DmHubContainers(network, brokerPort, broker, registry, hub);
            containers.apply(framework);
            containers.awaitHealthy(Duration.ofMinutes(2));
            return containers;
        } catch (RuntimeException failed) {
            started.forEach(GenericContainer::stop);
            network.close();
            throw failed;
        }
    }

    /** The broker, for clients running where the test runs. */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    /** The schema registry's base URL, for clients running where the test runs (Confluent API under /apis/ccompat/v7). */
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    /** The hub's API, dashboard and actuator. */
    public String hubUrl() {
        return "http://" + hub.getHost() + ":" + hub.getMappedPort(HUB_PORT);
    }

    /** The network the containers are on; start a connector container on it to reach {@link #BROKER} and {@link #REGISTRY}. */
    public Network network() {
        return network;
    }

    /**
     * A connector CLI container on the network, to be started once: it runs the command (after the broker and registry
     * options) and the start returns when it exited 0 (else fails with its output). Files are copied in with
     * {@link GenericContainer#withCopyFileToContainer}.
     */
    public GenericContainer<?> connector(String department, String... command) {
        List<String> arguments = new ArrayList<>(List.of("--bootstrap-servers", BROKER, "--registry-url", REGISTRY,
                "--department", department));
        arguments.addAll(List.of(command));
        return new GenericContainer<>(image("connector"))
                .withNetwork(network)
                .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                .withCommand(arguments.toArray(String[]::new))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("org.dmhub.testkit.connector")))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)));
    }

    /** A file of the machine the test runs on, for {@link GenericContainer#withCopyFileToContainer}. */
    public static MountableFile file(Path path) {
        return MountableFile.forHostPath(path);
    }

    /** Applies a framework file through the hub's API ({@code POST /api/catalog}). */
    public void apply(Path framework) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(framework);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the framework file " + framework, unreadable);
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(hubUrl() + "/api/catalog"))
                .header("Content-Type", "application/yaml").POST(body));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the hub refused the framework " + framework + ": HTTP " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    /** Waits until the hub's health is UP (stream processing running, registry answering, framework loaded). */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(hubUrl() + "/actuator/health")).GET());
            if (health.statusCode() == 200) {
                return;
            }
            last = health.body();
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the hub was not healthy within " + timeout + ": " + last);
    }

    /** The hub's container, to stop or kill it in a test. */
    public GenericContainer<?> hubContainer() {
        return hub;
    }

    /** The broker's container. */
    public GenericContainer<?> brokerContainer() {
        return broker;
    }

    @Override
    public void close() {
        for (GenericContainer<?> container : List.of(hub, registry, broker)) {
            container.stop();
        }
        network.close();
    }

    private static void start(GenericContainer<?> container, String name, List<GenericContainer<?>> started) {
        container.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("org.dmhub.testkit." + name)));
        container.start();
        started.add(0, container);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TCP port free on this machine now, for a container's published port. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        try (InputStream in = DmHubContainers.class.getResourceAsStream("testkit.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the test kit's testkit.properties is missing from its jar", e);
        }
    }

    /**
     * The broker: an internal listener for the containers of the network, and one on the same port inside and outside
     * for clients where the test runs (a broker tells its clients the address to come back to, so the port cannot be
     * left to Docker to choose).
     */
    private static final class BrokerContainer extends GenericContainer<BrokerContainer> {
        BrokerContainer(int externalPort) {
            super(image("kafka"));
            addFixedExposedPort(externalPort, externalPort);
            withEnv("KAFKA_LISTENERS", "INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:" + externalPort + ",CONTROLLER://0.0.0.0:9093");
            withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://" + BROKER + ",EXTERNAL://localhost:" + externalPort);
            withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
            withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL");
            withEnv("KAFKA_NUM_PARTITIONS", "3");
            waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        }
    }
}
