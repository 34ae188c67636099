package org.dmhub.hub.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own speed on the same broker in the same run: {@code ProducerPerformance} (records of 200 B, acks=all) then
 * {@code ConsumerPerformance} reading them back, each in a JVM of its own as Kafka ships them.
 */
final class KafkaBaseline {

    /** The size of ProducerPerformance's records. */
    static final int RECORD_BYTES = 200;

    record Result(double producedPerSecond, double consumedPerSecond) {
    }

    private KafkaBaseline() {
    }

    static Result run(String bootstrap, String topic, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, BenchmarkHub.PARTITIONS, (short) 1))).all().get();
        }
        Thread.sleep(2_000);
        double produced = Double.parseDouble(tool(Pattern.compile("^\\d+ records sent, ([\\d.]+) records/sec.*"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(RECORD_BYTES), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all"));
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        String consumed = tool(Pattern.compile("^[\\d-]+ [\\d:.]+, [\\d-]+ [\\d:.]+, [\\d.]+, [\\d.]+, \\d+, ([\\d.]+).*"),
                "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", Long.toString(records), "--timeout", "60000");
        return new Result(produced, Double.parseDouble(consumed));
    }

    /** Runs one of Kafka's tools and returns the first group of its last output line matching {@code summary}. */
    private static String tool(Pattern summary, String... mainAndArguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String found = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher matcher = summary.matcher(line);
                if (matcher.matches()) {
                    found = matcher.group(1);
                }
            }
        }
        process.waitFor();
        if (found == null) {
            throw new IllegalStateException(mainAndArguments[0] + " printed no summary:\n" + output);
        }
        return found;
    }
}
