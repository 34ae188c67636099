package org.dmhub.hub.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.HubStores;
import org.dmhub.hub.HubTopology;
import org.dmhub.hub.HubTopologyDefaults;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.Periodicity;
import org.dmhub.validation.Decimals;

/**
 * Throughput of the hub's consolidation, end to end with exactly_once_v2, beside Kafka's own ProducerPerformance
 * on the same broker in the same run. Needs a running broker and registry (deploy/local/dmhub up); run with
 * {@code ./mvnw -B -pl hub-service -am -Pbenchmark verify}.
 *
 * <p>Shape: 40 indicators (4 departments) × 100 communes in 10 districts × 250 monthly periods = 1,000,000
 * observations, published the way departments report: a period at a time, an indicator's communes together.
 *
 * <p>A warm-up run of 200,000 observations ({@code -DwarmUpPeriods=50}; 0 for none) on topics of its own comes first
 * and is reported too: the measured run is that of a hub whose JIT has compiled its hot paths, as in production.
 * The CPU time of the JVM per observation is printed beside the clock figure, which varies more on a shared machine.
 */
public final class ConsolidationBenchmark {

    private static final int INDICATORS = 40;
    private static final int DISTRICTS = 10;
    private static final int COMMUNES_PER_DISTRICT = 10;
    private static final int PARTITIONS = 6;

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getProperty("bootstrap", "127.0.0.1:19092");
        String registryUrl = System.getProperty("registry", "http://127.0.0.1:18081");
        int periods = Integer.getInteger("periods", 250);
        int warmUpPeriods = Integer.getInteger("warmUpPeriods", 50);
        long observations = (long) INDICATORS * DISTRICTS * COMMUNES_PER_DISTRICT * periods;
        String run = "bench" + System.currentTimeMillis();

        System.out.printf("DM Hub consolidation benchmark: %,d observations, %d partitions, broker %s%n", observations, PARTITIONS, bootstrap);
        String baseline = producerPerformance(bootstrap, run + ".baseline", observations);
        System.out.println("baseline  ProducerPerformance (200 B, acks=all): " + baseline);
        // a hub runs for weeks: the measured run starts once the JIT has compiled the hot paths. On a cold JVM the
        // compiler threads took about a third of this JVM's CPU time in a 1 M run on 2 cores, beside the stream threads.
        if (warmUpPeriods > 0) {
            consolidate(bootstrap, registryUrl, run + "w", warmUpPeriods, "warm-up");
        }
        consolidate(bootstrap, registryUrl, run, periods, "hub");
        System.out.println("baseline  " + baseline);
        // at the end only: the broker deletes a topic's files a minute later, which would slow a run under way
        deleteTopicsOfThisRun(bootstrap, run);
    }

    /** Preloads {@code periods} months of observations on topics of their own, then consolidates them with a new hub. */
    private static void consolidate(String bootstrap, String registryUrl, String run, int periods, String label) throws Exception {
        long observations = (long) INDICATORS * DISTRICTS * COMMUNES_PER_DISTRICT * periods;
        Topics topics = new Topics(run + ".");
        RegistrySerdes serdes = new RegistrySerdes(registryUrl);

        List<String> departments = List.of("D1", "D2", "D3", "D4");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (TopicDefinition<?> topic : topics.sharedTopics()) {
                newTopics.add(new NewTopic(topic.name(), topics.catalogTopics().contains(topic) ? 1 : PARTITIONS, (short) 1)
                        .configs(topic.configs()));
            }
            departments.forEach(d -> newTopics.add(new NewTopic(topics.observations(d).name(), PARTITIONS, (short) 1)));
            admin.createTopics(newTopics).all().get();
        }
        Thread.sleep(3_000); // the broker opens the new partitions a moment after it answered

        List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("74", "Bình Dương", "PROVINCE", null)));
        List<String> communes = new ArrayList<>();
        for (int d = 0; d < DISTRICTS; d++) {
            areas.add(new AdminArea("7" + (10 + d), "Huyện " + d, "DISTRICT", "74"));
            for (int c = 0; c < COMMUNES_PER_DISTRICT; c++) {
                String commune = String.format("2%02d%02d", d, c);
                areas.add(new AdminArea(commune, "Xã " + commune, "COMMUNE", "7" + (10 + d)));
                communes.add(commune);
            }
        }
        List<IndicatorDefinition> indicators = new ArrayList<>();
        Aggregation[] rules = {Aggregation.SUM, Aggregation.SUM, Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MIN, Aggregation.MAX};
        for (int i = 0; i < INDICATORS; i++) {
            indicators.add(IndicatorDefinition.newBuilder().setCode(String.format("CT-%02d", i)).setName("Chỉ tiêu " + i).setUnit("tỷ đồng")
                    .setPeriodicity(Periodicity.MONTHLY).setAggregation(rules[i % rules.length]).setReportingLevel("COMMUNE")
                    .setOwner(departments.get(i % departments.size())).setKind(IndicatorKind.OPERATIONAL)
                    .setNationalCode(i % 4 == 0 ? "QG-" + i : null).build());
        }
        indicators.add(IndicatorDefinition.newBuilder(indicators.get(0)).setCode("TL-01").setName("Tỷ lệ").setUnit("%")
                .setAggregation(Aggregation.RATIO).setReportingLevel(null).setNumerator("CT-01").setDenominator("CT-02")
                .setFactor(new BigDecimal(100).setScale(12)).setNationalCode("QG-TL").build());

        Map<String, Object> producerConfig = new HashMap<>(serdes.producerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long preloadStart = System.nanoTime();
        Queue<ProducerRecord<String, SpecificRecord>> failed = new ConcurrentLinkedQueue<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig)) {
            departments.forEach(d -> producer.send(new ProducerRecord<>(topics.departments().name(), d, new Department(d, "Sở " + d))));
            areas.forEach(a -> producer.send(new ProducerRecord<>(topics.areas().name(), a.getCode(), a)));
            indicators.forEach(i -> producer.send(new ProducerRecord<>(topics.indicators().name(), i.getCode(), i)));
            Instant now = Instant.now();
            for (int p = 0; p < periods; p++) {
                String period = String.format("%04d-%02d", 2006 + p / 12, p % 12 + 1);
                for (int i = 0; i < INDICATORS; i++) {
                    IndicatorDefinition indicator = indicators.get(i);
                    for (String commune : communes) {
                        BigDecimal value = Decimals.toWireScale(new BigDecimal((p * 31 + i * 7 + commune.hashCode()) % 100000).movePointLeft(3));
                        IndicatorObservation observation = IndicatorObservation.newBuilder().setEventId(UUID.randomUUID().toString())
                                .setIndicator(indicator.getCode()).setDepartment(indicator.getOwner()).setArea(commune).setPeriod(period)
                                .setValue(value).setUnit("tỷ đồng").setRevision(1).setStatus(ObservationStatus.REPORTED)
                                .setObservedAt(now).setPublishedAt(now).setSource("benchmark").build();
                        send(producer, new ProducerRecord<>(topics.observations(indicator.getOwner()).name(),
                                RecordKeys.valueKey(indicator.getCode(), commune, period), observation), failed);
                    }
                }
            }
        }
        // a batch sent while the broker was still opening a new partition (NotLeaderOrFollower) can leave a gap in the
        // idempotent producer's sequence, and the broker then refuses that producer's batches for the partition
        // (OutOfOrderSequence): those records were not written, and are sent again by a new producer
        for (int round = 0; round < 3 && !failed.isEmpty(); round++) {
            List<ProducerRecord<String, SpecificRecord>> again = new ArrayList<>(failed);
            failed.removeAll(again);
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig)) {
                again.forEach(record -> send(producer, record, failed));
            }
        }
        double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;
        Set<String> inputTopics = departments.stream().map(d -> topics.observations(d).name()).collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long stored = endOffsets(admin, inputTopics);
            if (stored != observations) {
                throw new IllegalStateException("preload: " + stored + " of " + observations + " observations stored, "
                        + failed.size() + " could not be sent");
            }
        }
        System.out.printf("preload   %,d observations with the registry serdes in %.1f s: %,.0f records/s%n", observations, preloadSeconds,
                observations / preloadSeconds);

        String applicationId = run + "-hub";
        Path stateDir = Files.createTempDirectory("dmhub-bench-");
        StreamsBuilder builder = new StreamsBuilder();
        Catalog catalog = new Catalog();
        StoreKind stores = StoreKind.valueOf(System.getProperty("stores", "IN_MEMORY"));
        new HubTopology(topics, serdes, catalog, new HubMetrics(new SimpleMeterRegistry()), HubStores.of(stores),
                new HubProperties.Rollup(Duration.ofMillis(Long.getLong("emitMillis", 1000)), stores, 0), HubTopologyDefaults.REPORTING,
                HubTopologyDefaults.RECONCILIATION,
                HubTopologyDefaults.reportingStatuses(catalog), HubTopologyDefaults.LIMITS,
                // the benchmark's departments have no receipts topics: receipts are left out of its figures
                department -> false, PARTITIONS)
                .addTo(builder);
        Properties streamsConfig = new Properties();
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2));
        streamsConfig.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("threads", 4));
        streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("commitMillis", 100));
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streamsConfig.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        streamsConfig.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as in the hub's application.yml
        streamsConfig.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1);
        for (String setting : System.getProperty("streams", "").split(",")) {
            if (!setting.isBlank()) {
                streamsConfig.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            long cpuAtStart = processCpuNanos();
            long viewEnd = -1;
            long lastGrowth = start;
            long cpuAtLastGrowth = cpuAtStart;
            while (true) {
                Thread.sleep(250);
                long lag = lag(admin, applicationId, inputTopics);
                long end = endOffsets(admin, Set.of(topics.viewValues().name()));
                if (end != viewEnd) {
                    viewEnd = end;
                    lastGrowth = System.nanoTime();
                    cpuAtLastGrowth = processCpuNanos();
                }
                if (lag == 0 && System.nanoTime() - lastGrowth > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
            }
            double seconds = (lastGrowth - start) / 1e9;
            long national = endOffsets(admin, Set.of(topics.nationalAggregates().name()));
            System.out.printf("%-9s %,d observations consolidated end to end in %.1f s: %,.0f observations/s "
                            + "(%s, %s stream threads, commit every %s ms, roll-ups every %s ms)%n",
                    label, observations, seconds, observations / seconds, streamsConfig.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                    streamsConfig.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG), streamsConfig.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                    Long.getLong("emitMillis", 1000));
            System.out.printf("          CPU of the hub's JVM meanwhile: %.1f µs per observation (%.0f %% of one core)%n",
                    (cpuAtLastGrowth - cpuAtStart) / 1e3 / observations, 100.0 * (cpuAtLastGrowth - cpuAtStart) / (lastGrowth - start));
            System.out.printf("          published %,d view values (every level, including transaction markers) and %,d national aggregates%n",
                    viewEnd, national);
        }
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, ProducerRecord<String, SpecificRecord> record,
            Queue<ProducerRecord<String, SpecificRecord>> failed) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.add(record);
            }
        });
    }

    /** Leaves the stack as it was: every topic of this run (inputs, outputs, the hub's internal ones) is deleted. */
    private static void deleteTopicsOfThisRun(String bootstrap, String run) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> ours = admin.listTopics().names().get().stream().filter(name -> name.startsWith(run)).collect(Collectors.toSet());
            admin.deleteTopics(ours).all().get();
        }
    }

    /** CPU time of this process (stream threads, producers, garbage collection), for figures less noisy than the clock. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long lag(Admin admin, String group, Set<String> topicNames) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topicNames).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private static long endOffsets(Admin admin, Set<String> topicNames) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topicNames).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static String producerPerformance(String bootstrap, String topic, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), "--record-size", "200", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all").redirectErrorStream(true).start();
        String summary = "";
        Pattern total = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec.*");
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher matcher = total.matcher(line);
                if (matcher.matches()) {
                    summary = String.format("%,.0f records/s", Double.parseDouble(matcher.group(2)));
                }
            }
        }
        process.waitFor();
        return summary;
    }
}
