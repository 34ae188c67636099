package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as a child process on fixed loopback ports, with its
 * log in a folder: a test can stop it (cleanly or with SIGKILL) and start it again with every record kept, which an
 * in-process broker cannot do.
 *
 * <p>The broker runs from the test's own class path, which must hold Kafka's server (e.g. through
 * {@code spring-kafka-test}).
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port = RegistryProcess.freePort();
    private final int controllerPort = RegistryProcess.freePort();
    private final int saslPort = RegistryProcess.freePort();
    private Process process;

    private BrokerProcess(Path dir) {
        this.dir = dir;
    }

    /** Formats the storage in {@code dir}, starts the broker and waits until it accepts connections. */
    public static BrokerProcess start(Path dir) {
        BrokerProcess broker = new BrokerProcess(dir);
        broker.format(List.of(), List.of());
        broker.startAgain();
        return broker;
    }

    /**
     * As {@link #start(Path)}, with a second listener, {@link #saslBootstrapServers()}, where clients log in with
     * SCRAM-SHA-512 as {@code username} (the secure mode's department principals), without TLS.
     */
    public static BrokerProcess startWithScramUser(Path dir, String username, String password) {
        BrokerProcess broker = new BrokerProcess(dir);
        broker.format(List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + broker.port + ",SASL_PLAINTEXT://127.0.0.1:" + broker.saslPort
                        + ",CONTROLLER://127.0.0.1:" + broker.controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + broker.port + ",SASL_PLAINTEXT://127.0.0.1:" + broker.saslPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                List.of("--add-scram", "SCRAM-SHA-512=[name=" + username + ",password=" + password + "]"));
        broker.startAgain();
        return broker;
    }

    /** The plain listener, which needs no login. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SCRAM listener of {@link #startWithScramUser}. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the stopped broker on the same ports and data, and waits until it accepts connections. */
    public void startAgain() {
        if (isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        process = launch("kafka.Kafka", properties().toString());
        awaitListening();
    }

    /** SIGTERM: the broker shuts down cleanly (waits up to 30 s, then kills it). */
    public void stop() {
        end(false);
    }

    /** SIGKILL: no clean shutdown, as when the machine loses power. */
    public void kill() {
        end(true);
    }

    @Override
    public void close() {
        end(true);
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        try {
            if (forcibly) {
                process.destroyForcibly().waitFor();
            } else {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void format(List<String> overriddenProperties, List<String> formatArguments) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Map<String, String> properties = new LinkedHashMap<>();
            Stream.concat(Stream.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                    "num.partitions=3",
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0"), overriddenProperties.stream())
                    .forEach(line -> properties.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
            StringBuilder file = new StringBuilder();
            properties.forEach((name, value) -> file.append(name).append('=').append(value).append('\n'));
            Files.writeString(properties(), file);
            List<String> format = new ArrayList<>(List.of("format", "-t", clusterId(), "-c", properties().toString()));
            format.addAll(formatArguments);
            Process formatting = launch("kafka.tools.StorageTool", format.toArray(String[]::new));
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("could not format the broker's storage; see " + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A cluster id as Kafka writes them: 16 random bytes in URL-safe base64. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    private Process launch(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass, e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with code " + process.exitValue() + "; see " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                RegistryProcess.sleep(200);
            }
        }
        end(true);
        throw new IllegalStateException("the broker was not listening within " + READY_TIMEOUT + "; see " + log());
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    public Path log() {
        return dir.resolve("broker.log");
    }
}
