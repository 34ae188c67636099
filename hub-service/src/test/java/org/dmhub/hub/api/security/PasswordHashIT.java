package org.dmhub.hub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The hash command of the focal point's operators, run from the packaged hub as they run it (Boot's PropertiesLauncher). */
class PasswordHashIT {

    private static final Path JAR = Path.of("target/dmhub-hub.jar");

    @Test
    void printsTheBcryptHashOfThePasswordReadFromTheStandardInput() throws Exception {
        Run run = hash("the focal point's password\n");
        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(run.output()).startsWith("{bcrypt}$2a$10$").doesNotContain("password");
        assertThat(new BCryptPasswordEncoder().matches("the focal point's password", run.output().strip().substring("{bcrypt}".length()))).isTrue();
    }

    @Test
    void refusesAShortOrMissingPassword() throws Exception {
        Run shortOne = hash("short\n");
        assertThat(shortOne.exitCode()).isEqualTo(1);
        assertThat(shortOne.errors()).contains("PasswordHash: the password has 5 characters; give at least 12");
        assertThat(shortOne.output()).isEmpty();
        Run none = hash("");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errors()).contains("no password given");
    }

    private static Run hash(String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), "-Dloader.main=" + PasswordHash.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher")).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("PasswordHash finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output, String errors) {
    }
}
