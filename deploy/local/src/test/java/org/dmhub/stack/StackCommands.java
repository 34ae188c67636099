package org.dmhub.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dmhub.testsupport.RegistryProcess;

/**
 * A stack of {@code deploy/local/dmhub} on free ports and a data folder of its own, so that a test never touches a
 * stack the user is running, and the commands a test runs against it as a user would.
 */
final class StackCommands {

    static final Path ROOT = Path.of(System.getProperty("dmhub.root", "../.."));

    final Path home;
    final int brokerPort = RegistryProcess.freePort();
    final int controllerPort = RegistryProcess.freePort();
    final int registryPort = RegistryProcess.freePort();
    final int hubPort = RegistryProcess.freePort();
    final int identityPort = RegistryProcess.freePort();

    /** What a command printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    StackCommands(Path home) {
        this.home = home.toAbsolutePath();
    }

    /** Removes what an earlier run left in the data folder. */
    void freshDataFolder() throws IOException {
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** {@code deploy/local/dmhub ARGUMENTS}, with these further environment variables. */
    Result dmhub(Map<String, String> extraEnvironment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/dmhub").toString()));
        command.addAll(List.of(arguments));
        return run(command, extraEnvironment);
    }

    /** Any command, in the stack's environment (its data folder and ports), with these further variables. */
    Result run(List<String> command, Map<String, String> extraEnvironment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("DMHUB_HOME", home.toString());
        env.put("DMHUB_BROKER_PORT", String.valueOf(brokerPort));
        env.put("DMHUB_CONTROLLER_PORT", String.valueOf(controllerPort));
        env.put("DMHUB_REGISTRY_PORT", String.valueOf(registryPort));
        env.put("DMHUB_HUB_PORT", String.valueOf(hubPort));
        env.put("DMHUB_IDENTITY_PORT", String.valueOf(identityPort));
        env.putAll(extraEnvironment);
        Process process = builder.start();
        // the started components keep the pipe's write end only if they inherit it; they write to log files instead
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes:\n" + output);
        }
        System.out.println("$ " + String.join(" ", command.subList(1, command.size())) + "\n" + output);
        return new Result(process.exitValue(), output);
    }

    /** The processes this stack started (each carries {@code -Ddmhub.stack=<data folder>} on its command line). */
    List<ProcessHandle> processes() {
        String marker = "-Ddmhub.stack=" + home;
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(marker))
                .toList();
    }
}
