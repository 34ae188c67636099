package org.dmhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of its own and a server certificate it signed for {@code localhost} and
 * {@code 127.0.0.1}, made with the JDK's {@code keytool}: what a broker on the loopback interface needs for TLS, and
 * what its clients need to trust it.
 *
 * <p>In the folder: {@code ca.p12} (the authority's key, PKCS12), {@code ca.pem} (its certificate, which clients
 * trust with {@code ssl.truststore.type=PEM}), {@code server.p12} (the server's key and certificate chain, PKCS12,
 * for {@code ssl.keystore.location}). The stores' password is random and only passed to keytool through its
 * environment, never on its command line; every file is readable by its owner only.
 */
public final class LocalCertificates {

    private static final String PASSWORD_VARIABLE = "DMHUB_STORE_PASSWORD";

    private final Path dir;
    private final String storePassword;

    private LocalCertificates(Path dir, String storePassword) {
        this.dir = dir;
        this.storePassword = storePassword;
    }

    /** Makes the authority and the server certificate in {@code dir}, which is created when missing. */
    public static LocalCertificates create(Path dir) {
        LocalCertificates certificates = new LocalCertificates(dir, randomPassword());
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        certificates.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=DM Hub local CA", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE);
        certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass:env", PASSWORD_VARIABLE,
                "-file", "ca.pem");
        certificates.keytool("-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "825", "-keystore", "server.p12", "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE);
        certificates.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass:env", PASSWORD_VARIABLE,
                "-file", "server.csr");
        certificates.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass:env", PASSWORD_VARIABLE,
                "-infile", "server.csr", "-outfile", "server.crt", "-rfc", "-validity", "825",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth");
        // the chain is completed with the authority's certificate, then the signed certificate replaces the self-signed one
        certificates.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12",
                "-storepass:env", PASSWORD_VARIABLE);
        certificates.keytool("-importcert", "-alias", "server", "-file", "server.crt", "-keystore", "server.p12",
                "-storepass:env", PASSWORD_VARIABLE);
        try {
            Files.delete(dir.resolve("server.csr"));
            for (String file : List.of("ca.p12", "ca.pem", "server.p12", "server.crt")) {
                Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return certificates;
    }

    /** The authority's certificate (PEM): what clients trust. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The server's key and certificate chain (PKCS12). */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    /** The password of {@link #serverKeyStore()} and of its key. */
    public String storePassword() {
        return storePassword;
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("keytool.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of(PASSWORD_VARIABLE, storePassword));
        try {
            Process keytool = builder.start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
