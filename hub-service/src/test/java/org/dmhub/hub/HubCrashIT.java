package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The hub process is killed with SIGKILL several times while observations stream in, and restarted each time:
 * the committed view must end equal to the from-scratch computation (nothing lost, nothing counted twice), and
 * every key's revisions must count up by one (no change published twice).
 */
@EmbeddedKafka(partitions = 3, brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class HubCrashIT {

    private static final int OBSERVATIONS = 6000;
    private static final int KILLS = 3;

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();
    private final Topics topics = Topics.withDefaultPrefix();


    @Test
    void killedAndRestartedHubLosesNothingAndCountsNothingTwice(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        FromScratchView.Tree tree = TestKafka.threeLevelTree();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.observations("D1").name(), 3, (short) 1),
                    new NewTopic(topics.observations("D2").name(), 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
            FromScratchView.DEPARTMENTS.forEach(d -> TestKafka.send(producer, topics.departments(), d.getCode(), d));
            tree.areas().forEach(a -> TestKafka.send(producer, topics.areas(), a.getCode(), a));
            FromScratchView.catalog().forEach(i -> TestKafka.send(producer, topics.indicators(), i.getCode(), i));
            producer.flush();
        }

        HubProcess hub = new HubProcess(workDir, bootstrap, registry.baseUrl(), "--dmhub.rollup.emit-interval=100ms");
        hub.start();
        hub.awaitHealthy(Duration.ofSeconds(90));

        List<IndicatorObservation> sent = observations(tree, new Random(20261127));
        Random killMoment = new Random();
        try (KafkaProducer<String, SpecificRecord> producer = TestKafka.producer(bootstrap, serdes)) {
            int perRound = sent.size() / (KILLS + 1);
            for (int round = 0; round <= KILLS; round++) {
                List<IndicatorObservation> batch = sent.subList(round * perRound, round == KILLS ? sent.size() : (round + 1) * perRound);
                for (IndicatorObservation observation : batch) {
                    TestKafka.send(producer, topics.observations(observation.getDepartment()),
                            RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()), observation);
                }
                producer.flush();
                if (round < KILLS) {
                    // while the hub is still working through what was just sent
                    HubProcess.pause(Duration.ofMillis(150 + killMoment.nextInt(350)));
                    hub.kill();
                    hub.start();
                    hub.awaitHealthy(Duration.ofSeconds(90));
                }
            }
        }
        hub.awaitHealthy(Duration.ofSeconds(90));

        Map<String, FromScratchView.Expected> expected = FromScratchView.compute(tree, distinctEvents(sent));
        try (KafkaConsumer<String, SpecificRecord> consumer = TestKafka.committedReader(bootstrap, serdes, topics)) {
            List<ConsumerRecord<String, SpecificRecord>> read = new ArrayList<>();
            Map<String, AreaValue> view = new LinkedHashMap<>();
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline) && !matches(view, expected)) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record);
                    if (record.value() instanceof AreaValue value) {
                        view.put(record.key(), value);
                    }
                }
            }
            hub.stop();
            assertThat(view.keySet()).as("keys of the view (hub log: " + hub.log() + ")").isEqualTo(expected.keySet());
            expected.forEach((key, want) -> {
                assertThat(view.get(key).getValue()).as(key).isEqualTo(want.value());
                assertThat(view.get(key).getContributing()).as(key).isEqualTo(want.contributing());
            });
            assertRevisionsCountUpByOne(read);
        }
        assertThat(Files.readString(hub.log()).split("Started HubApplication", -1)).as("the hub restarted after each kill")
                .hasSize(KILLS + 2);
    }

    private static boolean matches(Map<String, AreaValue> view, Map<String, FromScratchView.Expected> expected) {
        if (!view.keySet().equals(expected.keySet())) {
            return false;
        }
        return expected.entrySet().stream().allMatch(entry -> {
            AreaValue got = view.get(entry.getKey());
            FromScratchView.Expected want = entry.getValue();
            return (want.value() == null ? got.getValue() == null : want.value().equals(got.getValue()))
                    && got.getContributing() == want.contributing();
        });
    }

    private static void assertRevisionsCountUpByOne(List<ConsumerRecord<String, SpecificRecord>> records) {
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            long revision = record.value() instanceof AreaValue value ? value.getRevision() : ((NationalAggregate) record.value()).getRevision();
            String key = record.topic() + " " + record.key();
            Long previous = last.put(key, revision);
            assertThat(revision).as(key).isEqualTo(previous == null ? 1 : previous + 1);
        }
    }

    /** Reports, corrections, retractions, stale revisions and re-sent events, in a random order. */
    private static List<IndicatorObservation> observations(FromScratchView.Tree tree, Random random) {
        List<String> communes = tree.communes();
        Map<String, IndicatorObservation> byKeyAndRevision = new LinkedHashMap<>();
        List<IndicatorObservation> sent = new ArrayList<>();
        String[] values = {"0", "1.5", "-2", "10", "0.000000000001", "123456.789", "99"};
        while (sent.size() < OBSERVATIONS) {
            if (!sent.isEmpty() && random.nextInt(10) == 0) {
                sent.add(sent.get(random.nextInt(sent.size())));
                continue;
            }
            String indicator = FromScratchView.REPORTED.get(random.nextInt(FromScratchView.REPORTED.size()));
            String unit = communes.get(random.nextInt(communes.size()));
            String period = FromScratchView.PERIODS.get(random.nextInt(FromScratchView.PERIODS.size()));
            int revision = 1 + random.nextInt(6);
            String value = random.nextInt(8) == 0 ? null : values[random.nextInt(values.length)];
            IndicatorObservation observation = byKeyAndRevision.computeIfAbsent(indicator + "|" + unit + "|" + period + "#" + revision,
                    any -> HubTopologyDriver.observation(FromScratchView.ownerOf(indicator), indicator, unit, period, value, "u", revision));
            sent.add(observation);
        }
        return sent;
    }

    private static List<IndicatorObservation> distinctEvents(List<IndicatorObservation> sent) {
        Map<String, IndicatorObservation> byEvent = new LinkedHashMap<>();
        sent.forEach(observation -> byEvent.putIfAbsent(observation.getEventId(), observation));
        return new ArrayList<>(byEvent.values());
    }

}
