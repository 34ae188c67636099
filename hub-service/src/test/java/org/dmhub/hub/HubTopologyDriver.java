package org.dmhub.hub;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StoreKind;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReportingStatus;
import org.dmhub.validation.Decimals;
import org.springframework.util.unit.DataSize;

/**
 * The hub's real topology in a {@link TopologyTestDriver}, with the registry serdes talking to a real registry
 * process. For tests that need exact control over arrival order and punctuation.
 */
public final class HubTopologyDriver implements AutoCloseable {

    private final Topics topics = Topics.withDefaultPrefix();
    private final RegistrySerdes serdes;
    private final TopologyTestDriver driver;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestOutputTopic<String, AreaValue> view;
    private final TestOutputTopic<String, NationalAggregate> national;
    private final TestOutputTopic<String, ObservationRejected> rejected;
    private final TestOutputTopic<String, ReportingStatus> reportingStatus;
    private final TestOutputTopic<String, Reconciliation> reconciliation;
    private final Path stateDir;

    /** The driver's wall clock when it starts: observations sent well before it find the hub working through a backlog. */
    public static final Instant WALL_CLOCK_START = Instant.parse("2026-11-01T00:00:00Z");

    public HubTopologyDriver(String registryUrl) throws Exception {
        serdes = new RegistrySerdes(registryUrl);
        StreamsBuilder builder = new StreamsBuilder();
        Catalog catalog = new Catalog();
        new HubTopology(topics, serdes, catalog, new HubMetrics(meters), HubStores.of(StoreKind.IN_MEMORY),
                new HubProperties.Rollup(Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofMillis(300), StoreKind.IN_MEMORY, DataSize.ofMegabytes(256), 0),
                HubTopologyDefaults.REPORTING, HubTopologyDefaults.RECONCILIATION, HubTopologyDefaults.reportingStatuses(catalog), HubTopologyDefaults.LIMITS,
                department -> true, 1)
                .addTo(builder);
        stateDir = Files.createTempDirectory("dmhub-ttd-");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dmhub-hub-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config, WALL_CLOCK_START);
        view = driver.createOutputTopic(topics.viewValues().name(), serdes.keySerde().deserializer(),
                serdes.valueSerde(topics.viewValues()).deserializer());
        national = driver.createOutputTopic(topics.nationalAggregates().name(), serdes.keySerde().deserializer(),
                serdes.valueSerde(topics.nationalAggregates()).deserializer());
        rejected = driver.createOutputTopic(topics.rejected().name(), serdes.keySerde().deserializer(),
                serdes.valueSerde(topics.rejected()).deserializer());
        reportingStatus = driver.createOutputTopic(topics.reportingStatus().name(), serdes.keySerde().deserializer(),
                serdes.valueSerde(topics.reportingStatus()).deserializer());
        reconciliation = driver.createOutputTopic(topics.reconciliation().name(), serdes.keySerde().deserializer(),
                serdes.valueSerde(topics.reconciliation()).deserializer());
    }

    public void publishCatalog(List<Department> departments, List<AdminArea> areas, List<IndicatorDefinition> indicators) {
        TestInputTopic<String, Department> departmentTopic = driver.createInputTopic(topics.departments().name(),
                serdes.keySerde().serializer(), serdes.valueSerde(topics.departments()).serializer());
        departments.forEach(department -> departmentTopic.pipeInput(department.getCode(), department));
        TestInputTopic<String, AdminArea> areaTopic = driver.createInputTopic(topics.areas().name(),
                serdes.keySerde().serializer(), serdes.valueSerde(topics.areas()).serializer());
        areas.forEach(area -> areaTopic.pipeInput(area.getCode(), area));
        TestInputTopic<String, IndicatorDefinition> indicatorTopic = driver.createInputTopic(topics.indicators().name(),
                serdes.keySerde().serializer(), serdes.valueSerde(topics.indicators()).serializer());
        indicators.forEach(indicator -> indicatorTopic.pipeInput(indicator.getCode(), indicator));
    }

    /** Publishes on the department's own topic. */
    public void publish(IndicatorObservation observation) {
        publish(observation.getDepartment(), observation);
    }

    public void publish(String topicDepartment, IndicatorObservation observation) {
        driver.createInputTopic(topics.observations(topicDepartment).name(), serdes.keySerde().serializer(),
                        serdes.valueSerde(topics.observations(topicDepartment)).serializer())
                .pipeInput(RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()),
                        observation);
    }

    /** Publishes on the department's own topic, as sent at {@code sentAt} (the record's timestamp). */
    public void publish(IndicatorObservation observation, Instant sentAt) {
        driver.createInputTopic(topics.observations(observation.getDepartment()).name(), serdes.keySerde().serializer(),
                        serdes.valueSerde(topics.observations(observation.getDepartment())).serializer())
                .pipeInput(RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()),
                        observation, sentAt);
    }

    public void publishBytes(String topicDepartment, String key, byte[] value) {
        driver.createInputTopic(topics.observations(topicDepartment).name(), serdes.keySerde().serializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput(key, value);
    }

    /**
     * Lets the emit interval pass until every pending roll-up is published: those over time follow those over areas
     * (which send them their units' values), and through a backlog (observations sent longer than an emit interval
     * before) each stage holds back at one emit the keys that changed since its previous one.
     */
    public void letRollupsRun() {
        for (int emit = 0; emit < 5; emit++) {
            letOneEmitPass();
        }
    }

    /** Lets one emit interval pass: through a backlog, what changed since the emit before is held back. */
    public void letOneEmitPass() {
        driver.advanceWallClockTime(Duration.ofMillis(150));
    }

    public List<TestRecord<String, AreaValue>> viewRecords() {
        return view.readRecordsToList();
    }

    public List<TestRecord<String, NationalAggregate>> nationalRecords() {
        return national.readRecordsToList();
    }

    /** Lets wall-clock time pass (punctuations run). */
    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public List<TestRecord<String, ReportingStatus>> reportingStatusRecords() {
        return reportingStatus.readRecordsToList();
    }

    public List<TestRecord<String, Reconciliation>> reconciliationRecords() {
        return reconciliation.readRecordsToList();
    }

    /** The value of a gauge with one tag, or null when there is none. */
    public Double gauge(String name, String tag, String value) {
        var gauge = meters.find(name).tag(tag, value).gauge();
        return gauge == null ? null : gauge.value();
    }

    public List<ObservationRejected> rejections() {
        return rejected.readValuesToList();
    }

    /** The view as a compacted topic would hold it: the last record per key. */
    public static <V> Map<String, V> latest(List<TestRecord<String, V>> records) {
        Map<String, V> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    public double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    public static IndicatorObservation observation(String department, String indicator, String area, String period,
            String value, String unit, long revision) {
        return IndicatorObservation.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIndicator(indicator)
                .setDepartment(department)
                .setArea(area)
                .setPeriod(period)
                .setValue(value == null ? null : Decimals.toWireScale(new BigDecimal(value)))
                .setUnit(unit)
                .setRevision(revision)
                .setStatus(value == null ? ObservationStatus.RETRACTED : ObservationStatus.REPORTED)
                .setObservedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setPublishedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setSource("test")
                .build();
    }

    @Override
    public void close() throws Exception {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
