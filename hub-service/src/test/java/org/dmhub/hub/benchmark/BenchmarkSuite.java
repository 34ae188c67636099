package org.dmhub.hub.benchmark;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.validation.Decimals;

/**
 * Every performance figure of DM Hub in one run on the local stack (deploy/local/dmhub up), each beside Kafka's own
 * speed on the same broker measured in the same run, and one table at the end:
 * <ol>
 * <li>Kafka's ProducerPerformance and ConsumerPerformance (1,000,000 records of 200 B);</li>
 * <li>the hub's consolidation, end to end with exactly-once (a warm-up run, then {@code -Dperiods} months × 4,000
 * observations: 1,000,000 by default), with its CPU per observation, its JVM's peak resident memory and the records it
 * wrote to the broker per observation;</li>
 * <li>the connector's command line publishing a 100,000-row CSV;</li>
 * <li>send → national consumer latency at 1,000 observations per second;</li>
 * <li>the API's value lookup with 16 concurrent clients against the stack's hub.</li>
 * </ol>
 * {@code ./mvnw -B -pl hub-service -am -Pbenchmark -DskipTests verify}; docs/benchmarks.md has the figures.
 */
public final class BenchmarkSuite {

    private record Row(String figure, String hub, String kafka, String ratio, String target) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getProperty("bootstrap", "127.0.0.1:19092");
        String registryUrl = System.getProperty("registry", "http://127.0.0.1:18081");
        String hubUrl = System.getProperty("hub", "http://127.0.0.1:18080");
        String run = "bench" + System.currentTimeMillis();
        // -Dstages=kafka,latency (say) runs only those, for an experiment; the table of record has them all
        List<String> stages = List.of(System.getProperty("stages", "kafka,consolidation,connector,latency,api").split(","));
        List<Row> table = new ArrayList<>();
        System.out.printf("DM Hub benchmark suite, run %s: broker %s, registry %s, hub %s, %d cores%n", run, bootstrap, registryUrl,
                hubUrl, Runtime.getRuntime().availableProcessors());
        try {
            KafkaBaseline.Result kafka = stages.contains("kafka") ? kafka(bootstrap, run) : new KafkaBaseline.Result(Double.NaN, Double.NaN);
            if (stages.contains("consolidation")) {
                consolidation(bootstrap, registryUrl, run, kafka, table);
            }
            if (stages.contains("connector")) {
                connector(bootstrap, registryUrl, run, kafka, table);
            }
            if (stages.contains("latency")) {
                latency(bootstrap, registryUrl, run, table);
            }
            if (stages.contains("api")) {
                api(bootstrap, registryUrl, hubUrl, table);
            }
        } finally {
            // at the end only: the broker deletes a topic's files a minute later, which would slow a run under way
            BenchmarkHub.deleteTopicsOf(bootstrap, run);
        }
        System.out.println();
        System.out.println("| figure | DM Hub | Kafka, same run | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        table.forEach(row -> System.out.printf("| %s | %s | %s | %s | %s |%n", row.figure(), row.hub(), row.kafka(), row.ratio(), row.target()));
    }

    private static KafkaBaseline.Result kafka(String bootstrap, String run) throws Exception {
        long records = 1_000_000;
        KafkaBaseline.Result kafka = KafkaBaseline.run(bootstrap, run + ".baseline", records);
        System.out.printf("kafka     ProducerPerformance %,.0f rec/s, ConsumerPerformance %,.0f rec/s (%,d records of %d B, acks=all)%n",
                kafka.producedPerSecond(), kafka.consumedPerSecond(), records, KafkaBaseline.RECORD_BYTES);
        return kafka;
    }

    private static void consolidation(String bootstrap, String registryUrl, String run, KafkaBaseline.Result kafka, List<Row> table)
            throws Exception {
        int warmUpPeriods = Integer.getInteger("warmUpPeriods", 50);
        if (warmUpPeriods > 0) {
            report("warm-up", ConsolidationBenchmark.run(bootstrap, registryUrl, run + "w", warmUpPeriods));
        }
        ConsolidationBenchmark.Result hub = ConsolidationBenchmark.run(bootstrap, registryUrl, run + "c", Integer.getInteger("periods", 250));
        report("hub", hub);
        table.add(new Row(String.format("hub consolidation, %,d observations, exactly-once", hub.observations()),
                String.format("%,.0f obs/s", hub.perSecond()), produced(kafka), ratio(hub.perSecond(), kafka.producedPerSecond()), "≥ 0.5×"));
        table.add(new Row("hub CPU per observation; peak RSS of its JVM", String.format("%.1f µs; %,d MiB", hub.cpuMicrosPerObservation(),
                hub.peakResidentBytes() >> 20), "", "", "RSS ≤ 1 GiB"));
        // each observation makes the hub write several records to the broker, which ProducerPerformance's rate bounds
        double records = (double) hub.writes().records() / hub.observations();
        double bytes = (double) hub.writes().bytes() / hub.observations();
        table.add(new Row("records the hub wrote to the broker per observation (view and national of them; bytes)",
                String.format("%.2f (%.2f; %,.0f B)", records, (double) hub.writes().byKind().get(BrokerWrites.VIEW).records() / hub.observations(),
                        bytes), String.format("ProducerPerformance: 1 record (%d B)", KafkaBaseline.RECORD_BYTES),
                String.format("≤ %.2f× (records), ≤ %.2f× (bytes)", 1 / records, KafkaBaseline.RECORD_BYTES / bytes), ""));
    }

    private static void connector(String bootstrap, String registryUrl, String run, KafkaBaseline.Result kafka, List<Row> table) throws Exception {
        Path connectorJar = Path.of(System.getProperty("connectorJar", "../connector-sdk/target/dmhub-connector.jar"));
        ConnectorCliBenchmark.Result plain = ConnectorCliBenchmark.run(bootstrap, registryUrl, run + "q", connectorJar, List.of());
        System.out.printf("connector %,d-row CSV published by the command line (java -jar) in %.1f s: %,.0f rows/s%n", plain.rows(),
                plain.seconds(), plain.perSecond());
        List<String> options = ConnectorCliBenchmark.COMMAND_LINE_JVM_OPTIONS;
        ConnectorCliBenchmark.Result cli = ConnectorCliBenchmark.run(bootstrap, registryUrl, run + "p", connectorJar, options);
        System.out.printf("connector %,d-row CSV published by the command line (java %s -jar) in %.1f s: %,.0f rows/s%n", cli.rows(),
                String.join(" ", options), cli.seconds(), cli.perSecond());
        table.add(new Row(String.format("connector CLI, %,d-row CSV, whole command (recommended JVM options; plain java -jar)", cli.rows()),
                String.format("%,.0f rows/s (%.1f s); %,.0f rows/s (%.1f s)", cli.perSecond(), cli.seconds(), plain.perSecond(), plain.seconds()),
                produced(kafka), ratio(cli.perSecond(), kafka.producedPerSecond()) + "; " + ratio(plain.perSecond(), kafka.producedPerSecond()),
                "≥ 0.5×"));
    }

    private static void latency(String bootstrap, String registryUrl, String run, List<Row> table) throws Exception {
        LatencyBenchmark.Result latency = LatencyBenchmark.run(bootstrap, registryUrl, run + "l",
                Integer.getInteger("latencyWarmUpSeconds", 10), Integer.getInteger("latencySeconds", 30));
        System.out.printf("latency   send → national consumer at 1,000 obs/s, %d indicator-months, roll-ups every %d ms while keeping up "
                + "(every %d ms through a backlog): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", latency.samples(),
                BenchmarkHub.liveEmitMillis(), BenchmarkHub.emitMillis(), latency.p50Millis(), latency.p95Millis(),
                latency.p99Millis(), latency.maxMillis());
        table.add(new Row("send → national consumer at 1,000 obs/s", String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms",
                latency.p50Millis(), latency.p95Millis(), latency.p99Millis()), "", "", "p99 ≤ 250 ms"));
    }

    private static void api(String bootstrap, String registryUrl, String hubUrl, List<Row> table) throws Exception {
        String lookup = "/api/values/HC-03/2026-10?area=74";
        publishTheReadmesReport(bootstrap, registryUrl, hubUrl + lookup);
        ApiLookupBenchmark.Result liveness = ApiLookupBenchmark.run(hubUrl, "/actuator/health/liveness", 16, 10);
        for (int clients : List.of(2, 16)) {
            ApiLookupBenchmark.Result api = ApiLookupBenchmark.run(hubUrl, lookup, clients, 10);
            System.out.printf("api       %d clients: %,d lookups, %,.0f req/s, p50 %.1f ms, p99 %.1f ms%n", clients, api.requests(),
                    api.perSecond(), api.p50Millis(), api.p99Millis());
            table.add(new Row(String.format("API value lookup, %d clients", clients), String.format("p99 %.1f ms at %,.0f req/s",
                    api.p99Millis(), api.perSecond()), clients == 16 ? String.format("liveness: p99 %.1f ms at %,.0f req/s",
                    liveness.p99Millis(), liveness.perSecond()) : "", "", clients == 16 ? "p99 ≤ 10 ms" : ""));
        }
    }

    private static String produced(KafkaBaseline.Result kafka) {
        return String.format("%,.0f rec/s", kafka.producedPerSecond());
    }

    private static void report(String label, ConsolidationBenchmark.Result result) {
        System.out.printf("preload   %,d observations with the registry serdes: %,.0f records/s%n", result.observations(), result.preloadPerSecond());
        System.out.printf("%-9s %,d observations consolidated end to end in %.1f s: %,.0f observations/s; CPU %.1f µs per observation; "
                        + "peak RSS %,d MiB; published %,d view values and %,d national aggregates%n", label, result.observations(), result.seconds(),
                result.perSecond(), result.cpuMicrosPerObservation(), result.peakResidentBytes() >> 20, result.viewValues(), result.nationalAggregates());
        result.writes().byKind().forEach((kind, totals) -> System.out.printf("%-9s wrote to %s: %,d records, %,d bytes (%.2f records, %,.0f B per observation)%n",
                "", kind, totals.records(), totals.bytes(), (double) totals.records() / result.observations(),
                (double) totals.bytes() / result.observations()));
    }

    private static String ratio(double hub, double kafka) {
        return String.format("%.2f×", hub / kafka);
    }

    /** The four rows of the README's "Try it" on the stack's own topics, then waits until the hub answers the lookup. */
    private static void publishTheReadmesReport(String bootstrap, String registryUrl, String lookupUrl) throws Exception {
        Topics topics = new Topics(System.getProperty("topicPrefix", "dmhub."));
        Map<String, Object> config = new HashMap<>(new RegistrySerdes(registryUrl).producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String[][] rows = {{"HC-01", "25747", "120"}, {"HC-02", "25747", "114"}, {"HC-01", "25942", "80"}, {"HC-02", "25942", "70"}};
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            for (String[] row : rows) {
                Instant now = Instant.now();
                IndicatorObservation observation = IndicatorObservation.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setIndicator(row[0]).setDepartment("VPUBND").setArea(row[1]).setPeriod("2026-10")
                        .setValue(Decimals.toWireScale(new BigDecimal(row[2]))).setUnit("hồ sơ").setRevision(1)
                        .setStatus(ObservationStatus.REPORTED).setObservedAt(now).setPublishedAt(now).setSource("benchmark").build();
                producer.send(new ProducerRecord<>(topics.observations("VPUBND").name(), RecordKeys.valueKey(row[0], row[1], "2026-10"), observation)).get();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (http.send(HttpRequest.newBuilder(URI.create(lookupUrl)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub at " + lookupUrl + " did not answer 200 within 30 s: is the local stack up with the sample framework?");
    }
}
