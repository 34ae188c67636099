package org.dmhub.hub.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
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
import org.dmhub.hub.support.BoundedStoreMemory;
import org.springframework.util.unit.DataSize;

/**
 * A hub on topics of its own, for the benchmarks: 40 monthly indicators ({@code -Dindicators}) of 4 departments (every fourth one
 * republished nationally, and a ratio of two of them) over 100 communes in 10 districts; its framework is published
 * on its catalog topics, and the hub itself is the real topology in this JVM ({@link #start}).
 */
final class BenchmarkHub {

    /** 40 by default; {@code -Dindicators=200} with 500 periods is the 10-million-observation run. */
    static final int INDICATORS = Integer.getInteger("indicators", 40);
    static final int DISTRICTS = 10;
    static final int COMMUNES_PER_DISTRICT = 10;
    static final int COMMUNES = DISTRICTS * COMMUNES_PER_DISTRICT;
    static final int PARTITIONS = 6;
    static final List<String> DEPARTMENTS = List.of("D1", "D2", "D3", "D4");

    final String bootstrap;
    final String run;
    final Topics topics;
    final RegistrySerdes serdes;
    final List<String> communes = new ArrayList<>();
    final List<IndicatorDefinition> indicators = new ArrayList<>();

    private BenchmarkHub(String bootstrap, String registryUrl, String run) {
        this.bootstrap = bootstrap;
        this.run = run;
        this.topics = new Topics(run + ".");
        this.serdes = new RegistrySerdes(registryUrl);
        for (int d = 0; d < DISTRICTS; d++) {
            for (int c = 0; c < COMMUNES_PER_DISTRICT; c++) {
                communes.add(String.format("2%02d%02d", d, c));
            }
        }
        Aggregation[] rules = {Aggregation.SUM, Aggregation.SUM, Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MIN, Aggregation.MAX};
        for (int i = 0; i < INDICATORS; i++) {
            indicators.add(IndicatorDefinition.newBuilder().setCode(String.format("CT-%02d", i)).setName("Chỉ tiêu " + i).setUnit("tỷ đồng")
                    .setPeriodicity(Periodicity.MONTHLY).setAggregation(rules[i % rules.length]).setReportingLevel("COMMUNE")
                    .setOwner(DEPARTMENTS.get(i % DEPARTMENTS.size())).setKind(IndicatorKind.OPERATIONAL)
                    .setNationalCode(i % 4 == 0 ? "QG-" + i : null).build());
        }
    }

    /** Creates the run's topics and publishes its framework. */
    static BenchmarkHub create(String bootstrap, String registryUrl, String run) throws Exception {
        BenchmarkHub hub = new BenchmarkHub(bootstrap, registryUrl, run);
        try (Admin admin = hub.admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (TopicDefinition<?> topic : hub.topics.sharedTopics()) {
                newTopics.add(new NewTopic(topic.name(), hub.topics.catalogTopics().contains(topic) ? 1 : PARTITIONS, (short) 1)
                        .configs(topic.configs()));
            }
            DEPARTMENTS.forEach(d -> newTopics.add(new NewTopic(hub.topics.observations(d).name(), PARTITIONS, (short) 1)));
            admin.createTopics(newTopics).all().get();
        }
        Thread.sleep(3_000); // the broker opens the new partitions a moment after it answered
        hub.publishFramework();
        return hub;
    }

    private void publishFramework() {
        List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("74", "Bình Dương", "PROVINCE", null)));
        for (int d = 0; d < DISTRICTS; d++) {
            areas.add(new AdminArea("7" + (10 + d), "Huyện " + d, "DISTRICT", "74"));
        }
        communes.forEach(commune -> areas.add(new AdminArea(commune, "Xã " + commune, "COMMUNE", "7" + (10 + Integer.parseInt(commune.substring(1, 3))))));
        List<IndicatorDefinition> framework = new ArrayList<>(indicators);
        framework.add(IndicatorDefinition.newBuilder(indicators.get(0)).setCode("TL-01").setName("Tỷ lệ").setUnit("%")
                .setAggregation(Aggregation.RATIO).setReportingLevel(null).setNumerator("CT-01").setDenominator("CT-02")
                .setFactor(new BigDecimal(100).setScale(12)).setNationalCode("QG-TL").build());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig())) {
            DEPARTMENTS.forEach(d -> producer.send(new ProducerRecord<>(topics.departments().name(), d, new Department(d, "Sở " + d))));
            areas.forEach(a -> producer.send(new ProducerRecord<>(topics.areas().name(), a.getCode(), a)));
            framework.forEach(i -> producer.send(new ProducerRecord<>(topics.indicators().name(), i.getCode(), i)));
        }
    }

    /** The month {@code index} months after 2006-01: the benchmarks' periods. */
    static String period(int index) {
        return String.format("%04d-%02d", 2006 + index / 12, index % 12 + 1);
    }

    IndicatorObservation observation(IndicatorDefinition indicator, String commune, String period, int seed) {
        Instant now = Instant.now();
        BigDecimal value = Decimals.toWireScale(new BigDecimal(Math.floorMod(seed * 31 + indicator.getCode().hashCode() * 7 + commune.hashCode(), 100000)).movePointLeft(3));
        return IndicatorObservation.newBuilder().setEventId(UUID.randomUUID().toString())
                .setIndicator(indicator.getCode()).setDepartment(indicator.getOwner()).setArea(commune).setPeriod(period)
                .setValue(value).setUnit("tỷ đồng").setRevision(1).setStatus(ObservationStatus.REPORTED)
                .setObservedAt(now).setPublishedAt(now).setSource("benchmark").build();
    }

    ProducerRecord<String, SpecificRecord> record(IndicatorObservation observation) {
        return new ProducerRecord<>(topics.observations(observation.getDepartment()).name(),
                RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()), observation);
    }

    Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return config;
    }

    /**
     * Sends {@code periods} months of every indicator and commune, the way departments report (a period at a time, an
     * indicator's communes together), and checks that the broker holds all of them. Returns the records per second.
     */
    double preload(int periods) throws Exception {
        long observations = (long) INDICATORS * COMMUNES * periods;
        long preloadStart = System.nanoTime();
        Queue<ProducerRecord<String, SpecificRecord>> failed = new ConcurrentLinkedQueue<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig())) {
            for (int p = 0; p < periods; p++) {
                for (IndicatorDefinition indicator : indicators) {
                    for (String commune : communes) {
                        send(producer, record(observation(indicator, commune, period(p), p)), failed);
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
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig())) {
                again.forEach(record -> send(producer, record, failed));
            }
        }
        double seconds = (System.nanoTime() - preloadStart) / 1e9;
        try (Admin admin = admin()) {
            long stored = endOffsets(admin, inputTopics());
            if (stored != observations) {
                throw new IllegalStateException("preload: " + stored + " of " + observations + " observations stored, "
                        + failed.size() + " could not be sent");
            }
        }
        return observations / seconds;
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, ProducerRecord<String, SpecificRecord> record,
            Queue<ProducerRecord<String, SpecificRecord>> failed) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.add(record);
            }
        });
    }

    Set<String> inputTopics() {
        return DEPARTMENTS.stream().map(d -> topics.observations(d).name()).collect(Collectors.toSet());
    }

    String applicationId() {
        return run + "-hub";
    }

    /** The hub's topology with its defaults (roll-up cadence and stores from -DemitMillis, -DliveEmitMillis, -DbacklogHoldMillis and -Dstores), started and RUNNING. */
    KafkaStreams start() throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("dmhub-bench-");
        StreamsBuilder builder = new StreamsBuilder();
        Catalog catalog = new Catalog();
        StoreKind stores = StoreKind.valueOf(System.getProperty("stores", "PERSISTENT"));
        new HubTopology(topics, serdes, catalog, new HubMetrics(new SimpleMeterRegistry()), HubStores.of(stores),
                new HubProperties.Rollup(Duration.ofMillis(emitMillis()), Duration.ofMillis(liveEmitMillis()),
                        Duration.ofMillis(backlogHoldMillis()), stores, DataSize.ofMegabytes(storeMemoryMegabytes()), 0), HubTopologyDefaults.REPORTING,
                HubTopologyDefaults.RECONCILIATION,
                HubTopologyDefaults.reportingStatuses(catalog), HubTopologyDefaults.LIMITS,
                // the benchmark's departments have no receipts topics: receipts are left out of its figures
                department -> false, PARTITIONS)
                .addTo(builder);
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(stateDir));
        streams.start();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(50);
        }
        return streams;
    }

    /** The roll-ups' interval through a backlog ({@code dmhub.rollup.emit-interval}), the hub's default unless -DemitMillis. */
    static long emitMillis() {
        return Long.getLong("emitMillis", HubTopologyDefaults.ROLLUP.emitInterval().toMillis());
    }

    /** The longest a key still changing is held back through a backlog ({@code dmhub.rollup.backlog-hold}), the hub's default unless -DbacklogHoldMillis. */
    static long backlogHoldMillis() {
        return Long.getLong("backlogHoldMillis", HubTopologyDefaults.ROLLUP.backlogHold().toMillis());
    }

    /** The memory the persistent stores share ({@code dmhub.rollup.store-memory}), the hub's default unless -DstoreMemoryMb. */
    static long storeMemoryMegabytes() {
        return Long.getLong("storeMemoryMb", HubTopologyDefaults.ROLLUP.storeMemory().toMegabytes());
    }

    /** The roll-ups' interval while the hub keeps up ({@code dmhub.rollup.live-emit-interval}), the hub's default unless -DliveEmitMillis. */
    static long liveEmitMillis() {
        return Long.getLong("liveEmitMillis", HubTopologyDefaults.ROLLUP.liveEmitInterval().toMillis());
    }

    Properties streamsConfig(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("threads", 4));
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("commitMillis", 50));
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as in the hub's application.yml and HubConfiguration
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1);
        config.put(StreamsConfig.POLL_MS_CONFIG, 10);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStoreMemory.class);
        config.put(BoundedStoreMemory.CONFIG, DataSize.ofMegabytes(storeMemoryMegabytes()).toBytes());
        for (String setting : System.getProperty("streams", "").split(",")) {
            if (!setting.isBlank()) {
                config.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        return config;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Leaves the stack as it was: every topic of this run (inputs, outputs, the hub's internal ones) is deleted. */
    static void deleteTopicsOf(String bootstrap, String run) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> ours = admin.listTopics().names().get().stream().filter(name -> name.startsWith(run)).collect(Collectors.toSet());
            admin.deleteTopics(ours).all().get();
        }
    }

    /** CPU time of this process (stream threads, producers, garbage collection), for figures less noisy than the clock. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** This process's resident memory now, in bytes (Linux; -1 elsewhere). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long lag(Admin admin, String group, Set<String> topicNames) throws Exception {
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

    static long endOffsets(Admin admin, Set<String> topicNames) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topicNames).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }
}
