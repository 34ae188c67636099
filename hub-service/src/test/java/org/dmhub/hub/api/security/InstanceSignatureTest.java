package org.dmhub.hub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceSignatureTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-10-31T03:00:00Z");

    @Test
    void aSignatureVerifiesForItsPathAndQueryWithinItsValidityOnly() {
        InstanceSignature signer = new InstanceSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
        String signed = signer.sign(URI.create("http://127.0.0.1:8080/api/values/HC-03/2026-10?area=74"));

        assertThat(at(NOW.plusSeconds(59)).verifies(signed, "GET", "/api/values/HC-03/2026-10", "area=74")).isTrue();
        assertThat(at(NOW).verifies(signed, "GET", "/api/values/HC-03/2026-10", "area=75")).as("another query").isFalse();
        assertThat(at(NOW).verifies(signed, "GET", "/api/values/HC-03/2026-09", "area=74")).as("another path").isFalse();
        assertThat(at(NOW).verifies(signed, "POST", "/api/values/HC-03/2026-10", "area=74")).as("another method").isFalse();
        assertThat(at(NOW.plus(InstanceSignature.VALIDITY).plusSeconds(1)).verifies(signed, "GET", "/api/values/HC-03/2026-10",
                "area=74")).as("too old").isFalse();
        assertThat(new InstanceSignature("another secret of thirty-two characters".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC)).verifies(signed, "GET", "/api/values/HC-03/2026-10", "area=74"))
                .as("another secret").isFalse();
        assertThat(at(NOW).verifies("t=x,s=y", "GET", "/api/values/HC-03/2026-10", "area=74")).isFalse();
        assertThat(at(NOW).verifies("garbage", "GET", "/api/values/HC-03/2026-10", "area=74")).isFalse();
    }

    @Test
    void theSecretFileMustBeLongEnoughAndTheOwnersOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "short\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> InstanceSignature.fromFile(file, Clock.systemUTC()))
                .hasMessageStartingWith("dmhub.security.api.forwarding-secret-file: " + file + " holds 5 characters");
        Files.writeString(file, new String(SECRET, StandardCharsets.UTF_8) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> InstanceSignature.fromFile(file, Clock.systemUTC()))
                .hasMessageContaining("may be read or changed by others than its owner");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        String signed = InstanceSignature.fromFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).sign(URI.create("http://h:1/api/reporting"));
        assertThat(at(NOW.plus(Duration.ofSeconds(1))).verifies(signed, "GET", "/api/reporting", null)).as("white space left out").isTrue();
    }

    private static InstanceSignature at(Instant now) {
        return new InstanceSignature(SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }
}
