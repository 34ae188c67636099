package org.dmhub.connector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.dmhub.connector.DmConnector;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.BrokerProcess;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool against a real broker process that goes away: observations published while the broker is stopped, and
 * observations left in the spool by a killed connector process, all reach the topic, each exactly once.
 */
class ConnectorOutageIT {

    private static final Topics TOPICS = Topics.withDefaultPrefix();

    @TempDir
    static Path folder;
    private static BrokerProcess broker;
    private static RegistryProcess registry;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(folder.resolve("broker"));
        registry = RegistryProcess.start(folder.resolve("registry"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPICS.observations("D1").name(), 3, (short) 1),
                    new NewTopic(TOPICS.observations("D2").name(), 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void observationsPublishedWhileTheBrokerIsStoppedArriveOnceItIsBack() throws Exception {
        int total = 3000;
        List<String> eventIds = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> acknowledgements = new ArrayList<>();
        long spooledDuringOutage;
        try (DmConnector connector = connector("D1", folder.resolve("spool-d1"))) {
            for (int i = 0; i < total; i++) {
                if (i == 1000) {
                    broker.stop();
                }
                if (i == 2000) {
                    spooledDuringOutage = connector.spooled();
                    System.out.printf("outage: %d of the first 2000 observations waited in the spool while the broker was stopped%n",
                            spooledDuringOutage);
                    assertThat(spooledDuringOutage).as("observations published while the broker is down wait in the spool")
                            .isGreaterThanOrEqualTo(1000);
                    broker.startAgain();
                }
                IndicatorObservation observation = observation(connector, UUID.randomUUID().toString(), i);
                eventIds.add(observation.getEventId());
                acknowledgements.add(connector.publish(observation));
            }
            assertThat(connector.flush(Duration.ofMinutes(2))).as("the spool is empty once the broker is back").isTrue();
            // the futures complete on the producer's callback thread, a moment after the spool knows the sends are stored
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(acknowledgements).allMatch(acknowledged -> acknowledged.isDone() && !acknowledged.isCompletedExceptionally());
        }
        assertArrivedExactlyOnce("D1", eventIds);
    }

    @Test
    void aKilledConnectorsSpoolIsSentByTheNextConnectorOnTheSameFolder() throws Exception {
        int total = 500;
        Path spool = folder.resolve("spool-d2");
        broker.stop();
        Process connectorProcess = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SpoolingPublisherMain.class.getName(),
                broker.bootstrapServers(), registry.baseUrl(), spool.toString(), "D2", String.valueOf(total), "killed-")
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(connectorProcess.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String spooled = null;
            while (spooled == null && (line = output.readLine()) != null) {
                if (line.startsWith("SPOOLED ")) {
                    spooled = line.substring("SPOOLED ".length());
                }
            }
            assertThat(spooled).as("the connector process reports its spool").isEqualTo(String.valueOf(total));
        } finally {
            connectorProcess.destroyForcibly().waitFor();
        }
        System.out.printf("outage: the connector process was killed (SIGKILL) with %d observations in its spool%n", total);
        broker.startAgain();

        try (DmConnector restarted = connector("D2", spool)) {
            assertThat(restarted.flush(Duration.ofMinutes(2))).as("the restarted connector empties the spool").isTrue();
            assertThat(restarted.spooled()).isZero();
        }
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            eventIds.add(SpoolingPublisherMain.eventId("killed-", i));
        }
        assertArrivedExactlyOnce("D2", eventIds);
    }

    static IndicatorObservation observation(DmConnector connector, String eventId, int i) {
        return connector.newObservation().setEventId(eventId).setIndicator("NS-01").setArea("A" + (i % 50)).setPeriod("2026-10")
                .setValue(new BigDecimal(i + ".25")).setUnit("tỷ đồng").setRevision(i).build();
    }

    private static DmConnector connector(String department, Path spool) {
        return DmConnector.builder().bootstrapServers(broker.bootstrapServers()).registryUrl(registry.baseUrl())
                .department(department).spool(spool).timeout(Duration.ofSeconds(5)).build();
    }

    private static void assertArrivedExactlyOnce(String department, List<String> eventIds) {
        List<String> arrived = readEventIds(TOPICS.observations(department).name(), eventIds.size());
        Set<String> distinct = new LinkedHashSet<>(arrived);
        System.out.printf("outage: %s: %d published, %d records on the topic, %d distinct eventIds%n", department, eventIds.size(),
                arrived.size(), distinct.size());
        assertThat(distinct).as("every observation arrived").containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(arrived).as("none arrived twice").hasSameSizeAs(distinct);
    }

    private static List<String> readEventIds(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(new RegistrySerdes(registry.baseUrl()).consumerConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> eventIds = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            Instant quietUntil = null;
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(300))) {
                    eventIds.add(((IndicatorObservation) record.value()).getEventId());
                }
                // read on for 2 s after the expected count, so that a duplicate would be seen
                if (eventIds.size() >= expected) {
                    quietUntil = quietUntil == null ? Instant.now().plusSeconds(2) : quietUntil;
                    if (Instant.now().isAfter(quietUntil)) {
                        break;
                    }
                }
            }
        }
        return eventIds;
    }
}
