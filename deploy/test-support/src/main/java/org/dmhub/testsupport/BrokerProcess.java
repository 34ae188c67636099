package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 *
 * <p>{@link #startSecure} starts it as the hub's secure mode runs it: clients log in with SCRAM-SHA-512 over TLS,
 * and the authorizer lets nobody do anything an ACL does not allow, except its super users.
 */
public final class BrokerProcess implements AutoCloseable {

    /** The broker's own user on the secure node, a super user: inter-broker and controller traffic. */
    public static final String BROKER_USER = "broker";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port = RegistryProcess.freePort();
    private final int controllerPort = RegistryProcess.freePort();
    private final int saslPort = RegistryProcess.freePort();
    /** The secure node's TLS material and focal point login; null for a plain broker. */
    private SecureSettings secure;
    private Process process;

    private BrokerProcess(Path dir) {
        this.dir = dir;
    }

    private record SecureSettings(LocalCertificates certificates, String adminUser, String adminPassword) {
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

    /**
     * A secure node: its only client listener, {@link #secureBootstrapServers()}, is SASL_SSL with SCRAM-SHA-512 (the
     * certificate is signed by an authority of its own, {@link #caCertificate()}); KRaft's StandardAuthorizer allows
     * nothing without an ACL ({@code allow.everyone.if.no.acl.found=false}) except to its super users: {@code adminUser}
     * (the focal point, whose SCRAM credential is written at format time) and the broker's own user {@code broker}
     * (inter-broker traffic over SCRAM, the controller listener over SASL_SSL with PLAIN, which has no other user).
     * The passwords stay off every command line: in the owner-only {@code server.properties} and a Java argument file
     * read by the storage tool and deleted.
     */
    public static BrokerProcess startSecure(Path dir, String adminUser, String adminPassword) {
        BrokerProcess broker = new BrokerProcess(dir);
        LocalCertificates certificates = LocalCertificates.create(dir.resolve("tls"));
        broker.secure = new SecureSettings(certificates, adminUser, adminPassword);
        String brokerPassword = LocalCertificates.randomPassword();
        broker.format(List.of(
                "listeners=SASL_SSL://127.0.0.1:" + broker.port + ",CONTROLLER://127.0.0.1:" + broker.controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + broker.port,
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL",
                "inter.broker.listener.name=SASL_SSL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + scramLogin(BROKER_USER, brokerPassword),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + BROKER_USER + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\""
                        + brokerPassword + "\";",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + certificates.serverKeyStore().toAbsolutePath(),
                "ssl.keystore.password=" + certificates.storePassword(),
                "ssl.key.password=" + certificates.storePassword(),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + certificates.caCertificate().toAbsolutePath(),
                "ssl.client.auth=none",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + adminUser + ";User:" + BROKER_USER),
                List.of("--add-scram", "SCRAM-SHA-512=[name=" + BROKER_USER + ",password=" + brokerPassword + "]",
                        "--add-scram", "SCRAM-SHA-512=[name=" + adminUser + ",password=" + adminPassword + "]"));
        broker.startAgain();
        return broker;
    }

    /** The plain listener, which needs no login. */
    public String bootstrapServers() {
        if (secure != null) {
            throw new IllegalStateException("a secure broker has no plain listener: use secureBootstrapServers() and clientConfig()");
        }
        return "127.0.0.1:" + port;
    }

    /** The SASL_SSL listener of {@link #startSecure}. */
    public String secureBootstrapServers() {
        requireSecure();
        return "127.0.0.1:" + port;
    }

    /** The certificate of the authority that signed the secure node's certificate (PEM): what its clients trust. */
    public Path caCertificate() {
        requireSecure();
        return secure.certificates().caCertificate();
    }

    /** The settings of a client of the secure node logging in as the focal point, a super user. */
    public Map<String, Object> adminClientConfig() {
        requireSecure();
        return clientConfig(secure.adminUser(), secure.adminPassword());
    }

    /** The settings of a client of the secure node (bootstrap servers included) logging in as {@code username}. */
    public Map<String, Object> clientConfig(String username, String password) {
        requireSecure();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", secureBootstrapServers());
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", scramLogin(username, password));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", caCertificate().toAbsolutePath().toString());
        return config;
    }

    private void requireSecure() {
        if (secure == null) {
            throw new IllegalStateException("this broker was not started with startSecure");
        }
    }

    private static String scramLogin(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username + "\" password=\""
                + password + "\";";
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
            writeOwnerOnly(properties(), file.toString());
            List<String> format = new ArrayList<>(List.of("format", "-t", clusterId(), "-c", properties().toString()));
            format.addAll(formatArguments);
            // the arguments (SCRAM passwords among them) reach the tool through a Java argument file, not its command line
            Path argumentFile = dir.resolve("format.args");
            StringBuilder arguments = new StringBuilder();
            for (String argument : javaArguments("kafka.tools.StorageTool", format)) {
                arguments.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
            writeOwnerOnly(argumentFile, arguments.toString());
            Process formatting;
            try {
                formatting = start(List.of(java(), "@" + argumentFile.toAbsolutePath()));
                if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                    formatting.destroyForcibly();
                    List<String> lines = Files.readAllLines(log());
                    throw new IllegalStateException("could not format the broker's storage; the end of " + log() + ":\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
            } finally {
                Files.deleteIfExists(argumentFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A cluster id as Kafka writes them: 16 random bytes in URL-safe base64, never beginning with '-' (as Kafka's own
     * ids never do): the storage tool would read such an id as an option, and the format would fail once in 64 runs.
     */
    private static String clusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        } while (id.startsWith("-"));
        return id;
    }

    private Process launch(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(javaArguments(mainClass, List.of(arguments)));
        return start(command);
    }

    private static List<String> javaArguments(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(command.size() - 1), e);
        }
    }

    /** Created readable by its owner only before anything is written to it. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
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
