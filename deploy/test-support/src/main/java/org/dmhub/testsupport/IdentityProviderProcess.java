package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged identity provider ({@code deploy/identity-provider}) running as a real child process on a free loopback
 * port, with the given clients: each gets a new random secret, kept in an owner-only file of the folder.
 *
 * <p>The jar is located through the {@code dmhub.identity.jar} system property, which the build sets for every test.
 */
public final class IdentityProviderProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Map<String, String> secrets;
    private Process process;

    private IdentityProviderProcess(Path dir, int port, Map<String, String> secrets) {
        this.dir = dir;
        this.port = port;
        this.secrets = secrets;
    }

    /**
     * Starts a provider whose clients are the keys of {@code rolesByClient}, each with its registry roles (e.g.
     * {@code focal-point -> [sr-admin]}), and waits until it serves its discovery document.
     */
    public static IdentityProviderProcess start(Path dir, Map<String, List<String>> rolesByClient) {
        Map<String, String> secrets = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        StringBuilder clients = new StringBuilder();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<String>> client : rolesByClient.entrySet()) {
                byte[] secret = new byte[24];
                random.nextBytes(secret);
                secrets.put(client.getKey(), HexFormat.of().formatHex(secret));
                Path secretFile = ownerOnly(dir.resolve(client.getKey() + ".secret"), secrets.get(client.getKey()));
                clients.append("      ").append(client.getKey()).append(":\n")
                        .append("        secret-file: \"").append(secretFile.toAbsolutePath()).append("\"\n")
                        .append("        roles: [").append(String.join(", ", client.getValue())).append("]\n");
            }
            IdentityProviderProcess provider = new IdentityProviderProcess(dir, RegistryProcess.freePort(), secrets);
            ownerOnly(dir.resolve("identity.yaml"), "dmhub:\n  identity:\n"
                    + "    issuer: \"" + provider.issuerUrl() + "\"\n"
                    + "    signing-key-file: \"" + dir.toAbsolutePath().resolve("signing-key.json") + "\"\n"
                    + "    clients:\n" + clients);
            provider.startProcess();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer, e.g. {@code http://127.0.0.1:40123}: where the registry discovers the provider. */
    public String issuerUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where clients exchange their id and secret for a token (grant {@code client_credentials}). */
    public String tokenEndpoint() {
        return issuerUrl() + "/oauth2/token";
    }

    /** The secret of a configured client. */
    public String secret(String clientId) {
        String secret = secrets.get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException("no client " + clientId + "; the clients are " + secrets.keySet());
        }
        return secret;
    }

    /** The owner-only file that holds a client's secret. */
    public Path secretFile(String clientId) {
        secret(clientId);
        return dir.resolve(clientId + ".secret");
    }

    public Path dir() {
        return dir;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
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

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-jar");
        command.add(jar().toString());
        command.add("--server.port=" + port);
        command.add("--spring.config.additional-location=" + dir.toAbsolutePath().resolve("identity.yaml"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("identity-provider.log").toFile()))
                .start();
        awaitReady();
    }

    private void awaitReady() {
        ChildProcesses.awaitHttpOk(process, URI.create(issuerUrl() + "/.well-known/openid-configuration"), READY_TIMEOUT,
                "the identity provider", dir.resolve("identity-provider.log"), this::stop);
    }

    private static Path ownerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Path jar() {
        return ChildProcesses.builtJar("dmhub.identity.jar", "deploy/identity-provider");
    }
}
