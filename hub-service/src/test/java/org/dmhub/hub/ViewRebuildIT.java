package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.tools.StreamsResetter;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.publication.ValuePublisher;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The documented way to rebuild the view after the area tree changes: stop the hub, reset it with Kafka's
 * StreamsResetter, start it with the next view generation. The rebuilt view follows the new tree and its revisions
 * are above every revision published before.
 */
@EmbeddedKafka(partitions = 3, brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class ViewRebuildIT {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();
    private final Topics topics = Topics.withDefaultPrefix();


    @Test
    void resetHubReplaysEveryObservationWithTheNewAreaTree(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        FromScratchView.Tree tree = TestKafka.threeLevelTree();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.observations("D1").name(), 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
            FromScratchView.DEPARTMENTS.forEach(d -> TestKafka.send(producer, topics.departments(), d.getCode(), d));
            tree.areas().forEach(a -> TestKafka.send(producer, topics.areas(), a.getCode(), a));
            FromScratchView.catalog().forEach(i -> TestKafka.send(producer, topics.indicators(), i.getCode(), i));
            for (String commune : tree.communes()) {
                IndicatorObservation observation = HubTopologyDriver.observation("D1", "SUM-1", commune, "2026-01", "10", "u", 1);
                TestKafka.send(producer, topics.observations("D1"), RecordKeys.valueKey("SUM-1", commune, "2026-01"), observation);
            }
        }
        HubProcess hub = new HubProcess(workDir, bootstrap, registry.baseUrl(), "--dmhub.rollup.emit-interval=100ms");
        hub.start();
        hub.awaitHealthy(Duration.ofSeconds(90));
        try (KafkaConsumer<String, SpecificRecord> reader = TestKafka.committedReader(bootstrap, serdes, topics)) {
            Map<String, AreaValue> view = readUntil(reader, latest -> hasValue(latest, "SUM-1|D1|2026-01", 30)
                    && latest.containsKey("SUM-1|P|2026-01") && latest.get("SUM-1|P|2026-01").getContributing() == 9);
            assertThat(view.get("SUM-1|P|2026-01").getValue()).isEqualByComparingTo("90");
            hub.stop();

            // the new year's tree: commune C0_0 moves from district D0 to district D1
            try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
                TestKafka.send(producer, topics.areas(), "C0_0", new AdminArea("C0_0", "Xã 0.0", "COMMUNE", "D1"));
            }
            int exitCode = new StreamsResetter().execute(new String[] {"--bootstrap-server", bootstrap,
                    "--application-id", "dmhub-hub", "--input-topics", topics.observations("D1").name(), "--to-earliest", "--force"});
            assertThat(exitCode).isZero();

            HubProcess rebuilt = new HubProcess(workDir.resolve("rebuilt"), bootstrap, registry.baseUrl(),
                    "--dmhub.rollup.emit-interval=100ms", "--dmhub.rollup.view-generation=1");
            rebuilt.start();
            try {
                rebuilt.awaitHealthy(Duration.ofSeconds(90));
                Map<String, AreaValue> after = readUntil(reader, latest -> hasValue(latest, "SUM-1|D1|2026-01", 40)
                        && hasValue(latest, "SUM-1|D0|2026-01", 20)
                        && latest.get("SUM-1|P|2026-01").getRevision() > ValuePublisher.REVISIONS_PER_GENERATION
                        // every commune replayed: a roll-up may run while some are still on their way
                        && latest.get("SUM-1|P|2026-01").getContributing() == 9);
                assertThat(after.get("SUM-1|P|2026-01").getValue()).as("the province total does not change when a commune moves")
                        .isEqualByComparingTo("90");
                assertThat(after.get("SUM-1|D1|2026-01").getRevision()).as("above every revision of generation 0")
                        .isGreaterThan(ValuePublisher.REVISIONS_PER_GENERATION);
            } finally {
                rebuilt.stop();
            }
        }
    }

    /** The view publishes each area separately, in no fixed order: a key may not have arrived yet. */
    private static boolean hasValue(Map<String, AreaValue> latest, String key, int expected) {
        AreaValue value = latest.get(key);
        return value != null && value.getValue() != null && value.getValue().intValue() == expected;
    }

    private static Map<String, AreaValue> readUntil(KafkaConsumer<String, SpecificRecord> reader,
            java.util.function.Predicate<Map<String, AreaValue>> done) {
        Map<String, AreaValue> latest = new LinkedHashMap<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            reader.poll(Duration.ofMillis(500)).forEach(record -> {
                if (record.value() instanceof AreaValue value) {
                    latest.put(record.key(), value);
                }
            });
            if (latest.containsKey("SUM-1|P|2026-01") && done.test(latest)) {
                return latest;
            }
        }
        throw new AssertionError("the view did not reach the expected state within 60 s; read " + latest);
    }
}
