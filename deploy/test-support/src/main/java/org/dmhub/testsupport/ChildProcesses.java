package org.dmhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What the packaged services started as child processes by the tests have in common: their jar, their readiness. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * The jar a module's build left, which the build names in a system property for every test.
     *
     * @param property e.g. {@code dmhub.registry.jar}
     * @param module the module that builds it, for the message when it is missing
     */
    static Path builtJar(String property, String module) {
        String location = System.getProperty(property);
        if (location == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven");
        }
        Path jar = Path.of(location);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build " + module + " first (./mvnw -B package)");
        }
        return jar;
    }

    /**
     * Waits until {@code ready} answers 200.
     *
     * @param stop called before giving up, so that no process is left behind
     * @throws IllegalStateException when the process exits or the timeout passes, naming {@code what} and its log
     */
    static void awaitHttpOk(Process process, URI ready, Duration timeout, String what, Path log, Runnable stop) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RegistryProcess.sleep(200);
        }
        stop.run();
        throw new IllegalStateException(what + " was not ready within " + timeout + "; see " + log);
    }
}
