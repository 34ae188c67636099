package org.dmhub.hub.benchmark;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * The department connector's whole command, as a department runs it: {@code dmhub-connector publish --file} of a
 * 100,000-row CSV (the 10 indicators of department D1 × 100 communes × 100 months of the {@link BenchmarkHub}'s
 * framework) in a JVM of its own, from its start to its exit once the broker stored every row ({@code --no-wait}: the
 * benchmark's departments have no receipts). The clock includes the JVM's start, reading the framework, checking
 * every row, the spool and the sending. It runs with the JVM options the connector's guide recommends for the command
 * line ({@link #COMMAND_LINE_JVM_OPTIONS}), or with none, as a plain {@code java -jar}.
 */
final class ConnectorCliBenchmark {

    static final int ROWS = 100_000;

    /**
     * What connector-sdk/README.md recommends for the command line, as the connector's image and the local stack run
     * it: no second JIT compiler (a command is over before its compilations pay back) and the serial collector.
     */
    static final List<String> COMMAND_LINE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    record Result(int rows, double seconds) {

        double perSecond() {
            return rows / seconds;
        }
    }

    private ConnectorCliBenchmark() {
    }

    static Result run(String bootstrap, String registryUrl, String run, Path connectorJar, List<String> jvmOptions) throws Exception {
        if (!Files.isRegularFile(connectorJar)) {
            throw new IllegalStateException("no connector jar at " + connectorJar + ": build connector-sdk first");
        }
        BenchmarkHub hub = BenchmarkHub.create(bootstrap, registryUrl, run);
        Path folder = Files.createTempDirectory("dmhub-bench-cli-");
        Path file = folder.resolve("report.csv");
        List<IndicatorDefinition> ours = hub.indicators.stream().filter(i -> i.getOwner().equals("D1")).toList();
        int months = ROWS / (ours.size() * BenchmarkHub.COMMUNES);
        try (BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            csv.write("indicator,area,period,value\n");
            for (int m = 0; m < months; m++) {
                for (IndicatorDefinition indicator : ours) {
                    for (String commune : hub.communes) {
                        csv.write(indicator.getCode() + "," + commune + "," + BenchmarkHub.period(m) + "," + (m * 7 + commune.hashCode() % 1000) + ".5\n");
                    }
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        // e.g. -DconnectorJvmArgs=-XX:StartFlightRecording=filename=/tmp/connector.jfr,settings=profile to profile it
        String jvmArgs = System.getProperty("connectorJvmArgs", "").strip();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", connectorJar.toString(), "--bootstrap-servers", bootstrap, "--registry-url", registryUrl,
                "--topic-prefix", run + ".", "--department", "D1", "--spool", folder.resolve("spool").toString(),
                "publish", "--file", file.toString(), "--no-wait"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(folder.resolve("connector.log").toFile()).start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("the connector exited with " + exit + ":\n" + Files.readString(folder.resolve("connector.log")));
        }
        try (Admin admin = hub.admin()) {
            long stored = BenchmarkHub.endOffsets(admin, Set.of(hub.topics.observations("D1").name()));
            if (stored != (long) months * ours.size() * BenchmarkHub.COMMUNES) {
                throw new IllegalStateException("the connector stored " + stored + " rows of " + ROWS);
            }
        }
        return new Result(months * ours.size() * BenchmarkHub.COMMUNES, seconds);
    }
}
