package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged schema registry (Apicurio Registry, see {@code deploy/schema-registry}) running as a real
 * child process on a free loopback port, with its H2 database kept in a folder so that a restart
 * finds the same schemas and ids.
 *
 * <p>The runner jar is located through the {@code dmhub.registry.jar} system property, which the build
 * sets for every test.
 */
public final class RegistryProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    /** System properties of the registry beyond its address: those of the secure mode, or none. */
    private final List<String> settings;
    private Process process;

    private RegistryProcess(Path dataDir, int port, List<String> settings) {
        this.dataDir = dataDir;
        this.port = port;
        this.settings = List.copyOf(settings);
    }

    /** Starts a registry keeping its data in {@code dataDir}, on a free port, and waits until it is ready. */
    public static RegistryProcess start(Path dataDir) {
        RegistryProcess registry = new RegistryProcess(dataDir, freePort(), List.of());
        registry.startProcess();
        return registry;
    }

    /**
     * Starts a registry in the hub's secure mode (see {@link #secureModeProperties}), logging clients in at
     * {@code identityProvider}, which must be running.
     */
    public static RegistryProcess startSecure(Path dataDir, IdentityProviderProcess identityProvider) {
        return startSecure(dataDir, identityProvider.issuerUrl(), identityProvider.tokenEndpoint());
    }

    /** As {@link #startSecure(Path, IdentityProviderProcess)}, with any OpenID Connect provider. */
    public static RegistryProcess startSecure(Path dataDir, String issuerUrl, String tokenEndpoint) {
        RegistryProcess registry = new RegistryProcess(dataDir, freePort(), secureModeProperties(issuerUrl, tokenEndpoint));
        registry.startProcess();
        return registry;
    }

    /**
     * The registry's secure mode, as system properties of its runner: every call but a read needs a token from the
     * OpenID Connect provider at {@code issuerUrl}, with its roles in the claim {@code roles} ({@code sr-admin} may do
     * anything, {@code sr-developer} may write schemas and their rules, {@code sr-readonly} may read); anyone may read;
     * a client may log in with HTTP Basic (its client id and secret), which the registry exchanges at
     * {@code tokenEndpoint} (grant {@code client_credentials}).
     */
    public static List<String> secureModeProperties(String issuerUrl, String tokenEndpoint) {
        return List.of(
                "-Dregistry.auth.enabled=true",
                "-Dregistry.auth.role-based-authorization=true",
                "-Dregistry.auth.role-source=token",
                "-Dregistry.auth.anonymous-read-access.enabled=true",
                "-Dregistry.auth.basic-auth-client-credentials.enabled=true",
                "-Dregistry.auth.token.endpoint=" + tokenEndpoint,
                "-Dquarkus.oidc.auth-server-url=" + issuerUrl,
                "-Dquarkus.oidc.roles.role-claim-path=roles");
    }

    /** Starts a registry with its data in a new temporary folder. */
    public static RegistryProcess startInTempDir() {
        try {
            return start(Files.createTempDirectory("dmhub-registry-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Confluent-compatible API. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the process cleanly and starts it again on the same port and data folder. */
    public void restart() {
        stop();
        startProcess();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        Path jar = runnerJar();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(settings);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()));
        builder.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        try {
            Files.createDirectories(dataDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the schema registry from " + jar, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        ChildProcesses.awaitHttpOk(process, URI.create(baseUrl() + "/health/ready"), READY_TIMEOUT, "the schema registry",
                dataDir.resolve("registry.log"), this::stop);
    }

    private static Path runnerJar() {
        return ChildProcesses.builtJar("dmhub.registry.jar", "deploy/schema-registry");
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
