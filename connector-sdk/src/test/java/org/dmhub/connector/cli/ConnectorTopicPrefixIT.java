package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.connector.support.ReceiptingHub;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import picocli.CommandLine;

/**
 * A hub configured with another {@code dmhub.topic-prefix}: the library and every command of the command line use the
 * topics of the prefix they are given, against a real broker holding only those topics (none under {@code dmhub.}),
 * and the packaged schema registry; a stand-in plays the hub, answering on {@code tinh74.receipts.STC}.
 */
@EmbeddedKafka(partitions = 1, topics = {"tinh74.catalog.indicators", "tinh74.catalog.areas", "tinh74.catalog.departments",
    "tinh74.observations.STC", "tinh74.receipts.STC", "tinh74.observations.rejected"})
class ConnectorTopicPrefixIT {

    private static final String PREFIX = "tinh74.";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final String DEPARTMENT_TOPIC = TOPICS.observations("STC").name();
    private static final String RECEIPTS_TOPIC = TOPICS.receipts("STC").name();

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private static ReceiptingHub hub;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theLibraryPublishesToAndFollowsTheReceiptsOfTheTopicsOfItsPrefix(EmbeddedKafkaBroker broker) {
        startHub(broker);
        try (DmConnector connector = DmConnector.builder().bootstrapServers(broker.getBrokersAsString())
                .registryUrl(registry.baseUrl()).department("STC").topicPrefix(PREFIX).build()) {
            assertThat(connector.topic()).isEqualTo("tinh74.observations.STC");
            List<IndicatorObservation> observations = List.of(connector.newObservation("NS-01", "25747", "2026-03")
                    .setValue(new BigDecimal("12.5")).setUnit("tỷ đồng").build());
            try (ReceiptWatch watch = connector.watchReceipts()) {
                assertThat(watch.topic()).isEqualTo("tinh74.receipts.STC");
                List<RecordMetadata> stored = connector.publishAll(observations).join();

                Receipts receipts = watch.await(StoredObservation.all(observations, stored), Duration.ofSeconds(30), received -> { });

                assertThat(receipts.count(ReceiptOutcome.ACCEPTED)).isEqualTo(1);
            }
        }
        assertThat(TestTopics.readObservations(broker.getBrokersAsString(), registry.baseUrl(), DEPARTMENT_TOPIC,
                observation -> observation.getPeriod().equals("2026-03"), 1).get(0).getValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void catalogShowPublishAndReadUseTheTopicsOfTopicPrefix(EmbeddedKafkaBroker broker) throws IOException {
        startHub(broker);

        assertThat(execute(broker, "catalog", "show")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("NS-01", "Thu ngân sách nhà nước trên địa bàn");

        Path file = Files.writeString(folder.resolve("thang04.csv"),
                "indicator,area,period,value,unit,revision,status,eventId,comment\nNS-01,25750,2026-04,7,,,,,\n",
                StandardCharsets.UTF_8);
        assertThat(execute(broker, "publish", "--file", file.toString(), "--wait", "30s")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("1 rows published to tinh74.observations.STC",
                "Import summary of the hub (tinh74.receipts.STC), 1 rows:").containsPattern("accepted +1  imported");
        assertThat(TestTopics.readObservations(broker.getBrokersAsString(), registry.baseUrl(), DEPARTMENT_TOPIC,
                observation -> observation.getPeriod().equals("2026-04"), 1).get(0).getValue()).isEqualByComparingTo("7");

        ObservationRejected rejected = ObservationRejected.newBuilder()
                .setReasons(List.of(RejectionReason.UNKNOWN_AREA))
                .setDetails(List.of("area 99999 is not in the framework's area list"))
                .setSourceTopic(DEPARTMENT_TOPIC)
                .setSourcePartition(0)
                .setSourceOffset(41L)
                .setDepartment("STC")
                .setRejectedAt(Instant.parse("2026-11-05T08:30:00Z"))
                .build();
        TestTopics.send(broker.getBrokersAsString(), registry.baseUrl(), TOPICS.rejected().name(), "NS-01|99999|2026-10", rejected);
        out.getBuffer().setLength(0);

        assertThat(execute(broker, "read", "--topic", "rejected", "--timeout", "2s")).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(rejected.toString());
    }

    private int execute(EmbeddedKafkaBroker broker, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.getBrokersAsString(),
                "--registry-url", registry.baseUrl(), "--department", "STC", "--spool", folder.resolve("spool").toString(),
                "--topic-prefix", PREFIX));
        all.addAll(List.of(args));
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private static synchronized void startHub(EmbeddedKafkaBroker broker) {
        if (hub == null) {
            TestTopics.publishCatalog(broker.getBrokersAsString(), registry.baseUrl(), TOPICS);
            hub = new ReceiptingHub(broker.getBrokersAsString(), registry.baseUrl(), DEPARTMENT_TOPIC, RECEIPTS_TOPIC);
        }
    }
}
