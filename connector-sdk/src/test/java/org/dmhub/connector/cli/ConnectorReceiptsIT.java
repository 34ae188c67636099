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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.connector.support.ReceiptingHub;
import org.dmhub.connector.support.ReceiptingHub.Refusal;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import picocli.CommandLine;

/**
 * {@code publish} waits for the hub's receipts and prints what the hub did with each row, against a real broker and
 * the packaged schema registry; a stand-in plays the hub, answering on {@code dmhub.receipts.STC} by the contract's
 * rules. The department and receipts topics have several partitions, as in production.
 */
@EmbeddedKafka(partitions = 1, topics = {"dmhub.catalog.indicators", "dmhub.catalog.areas", "dmhub.catalog.departments"})
class ConnectorReceiptsIT {

    private static final Topics TOPICS = Topics.withDefaultPrefix();
    private static final String DEPARTMENT_TOPIC = TOPICS.observations("STC").name();
    private static final String RECEIPTS_TOPIC = TOPICS.receipts("STC").name();
    private static final String HEADER = "indicator,area,period,value,unit,revision,status,eventId,comment\n";
    /** The hub's framework caps NS-01 lower than the one the connector checked against: the hub refuses above it. */
    private static final BigDecimal HUB_MAXIMUM = new BigDecimal("50000");

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private static ReceiptingHub hub;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void hubBehavesAgain() {
        if (hub != null) {
            hub.hostile(false).silentFor(observation -> false);
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theImportSummaryCountsANewValueADuplicateAStaleRevisionAndARejectedRow(EmbeddedKafkaBroker broker) throws IOException {
        startHub(broker);
        Path first = write("thang08.csv", HEADER
                + "NS-01,25747,2026-08,100,,10,,,\n"
                + "NS-01,25750,2026-08,5,,7,,,\n");
        assertThat(publish(broker, first)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("accepted +2  imported");
        out.getBuffer().setLength(0);

        Path second = write("thang07.csv", HEADER
                + "NS-01,25747,2026-07,1,,1,,,\n"            // row 2: a new value
                + "NS-01,25747,2026-08,100,,10,,,\n"         // row 3: the same row as before, the same eventId
                + "NS-01,25750,2026-08,4,,3,,,\n"            // row 4: revision 3 after revision 7
                + "NS-01,25750,2026-07,60000,,1,,,\n");      // row 5: above the hub's maximum

        int exit = publish(broker, second);

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.NOT_ALL_APPLIED);
        assertThat(out.toString()).contains("4 rows published to " + DEPARTMENT_TOPIC,
                        "Import summary of the hub (" + RECEIPTS_TOPIC + "), 4 rows:")
                .containsPattern("accepted +1  imported").containsPattern("duplicates +1  already imported")
                .containsPattern("stale +1  the hub keeps a higher revision").containsPattern("rejected +1  not imported")
                .doesNotContain("no receipt");
        assertThat(err.toString().lines()).containsExactly(
                "row 4, stale: NS-01|25750|2026-08 revision 3 changed nothing: the hub keeps revision 7; send a higher revision to"
                        + " replace it",
                "row 5, rejected by the hub: NS-01|25750|2026-07: value 60000 is above NS-01's maximum 50000"
                        + " [VALUE_OUT_OF_RANGE]");
    }

    @Test
    void recordsOnTheReceiptsTopicThatAreNotReceiptsOfThisPublishAreSkipped(EmbeddedKafkaBroker broker) throws IOException {
        startHub(broker).hostile(true);
        Path file = write("thang06.csv", HEADER + "NS-01,25747,2026-06,1,,1,,,\nNS-01,25750,2026-06,2,,1,,,\n");

        int exit = publish(broker, file);

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("accepted +2  imported").doesNotContain("rejected +1");
        assertThat(err.toString()).contains("records on " + RECEIPTS_TOPIC + " are not receipts; they were skipped")
                .doesNotContain("not a receipt of this send");
    }

    @Test
    void receiptsThatDoNotArriveWithinTheWaitExitWithTheirOwnCode(EmbeddedKafkaBroker broker) throws IOException {
        startHub(broker).silentFor(observation -> observation.getPeriod().equals("2026-05"));
        Path file = write("thang05.csv", HEADER + "NS-01,25747,2026-05,1,,1,,,\nNS-01,25750,2026-05,2,,1,,,\n"
                + "NS-01,25750,2026-04,3,,1,,,\n");

        int exit = publish(broker, file, "--wait", "3s");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.RECEIPTS_MISSING);
        assertThat(out.toString()).contains("3 rows published to " + DEPARTMENT_TOPIC).containsPattern("accepted +1  imported")
                .containsPattern("no receipt +2  not confirmed yet");
        assertThat(err.toString()).contains("error: 2 of 3 rows got no receipt from the hub within 3 s (rows 2, 3). They are stored"
                + " on " + DEPARTMENT_TOPIC);
    }

    @Test
    void noWaitPublishesWithoutWaitingForTheHub(EmbeddedKafkaBroker broker) throws IOException {
        startHub(broker).silentFor(observation -> true);
        Path file = write("thang03.csv", HEADER + "NS-01,25747,2026-03,1,,1,,,\n");

        assertThat(publish(broker, file, "--no-wait")).as(err.toString()).isZero();
        assertThat(publish(broker, file, "--wait=0")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("1 rows published to " + DEPARTMENT_TOPIC).doesNotContain("Import summary");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theJavaApiWaitsForTheReceiptsOfWhatItPublished(EmbeddedKafkaBroker broker) {
        startHub(broker);
        try (DmConnector connector = DmConnector.builder().bootstrapServers(broker.getBrokersAsString())
                .registryUrl(registry.baseUrl()).department("STC").build()) {
            List<IndicatorObservation> observations = List.of(
                    connector.newObservation().setIndicator("NS-01").setArea("25747").setPeriod("2026-02")
                            .setValue(new BigDecimal("12.5")).setUnit("tỷ đồng").setRevision(1).build(),
                    connector.newObservation().setIndicator("NS-01").setArea("25750").setPeriod("2026-02")
                            .setValue(new BigDecimal("99999")).setUnit("tỷ đồng").setRevision(1).build());
            try (ReceiptWatch watch = connector.watchReceipts()) {
                List<RecordMetadata> stored = connector.publishAll(observations).join();
                List<Integer> progress = new ArrayList<>();

                Receipts receipts = watch.await(StoredObservation.all(observations, stored), Duration.ofSeconds(30), progress::add);

                assertThat(receipts.complete()).isTrue();
                assertThat(receipts.allApplied()).isFalse();
                assertThat(receipts.count(ReceiptOutcome.ACCEPTED)).isEqualTo(1);
                assertThat(receipts.of(receipts.stored().get(1)).getReasons()).containsExactly(RejectionReason.VALUE_OUT_OF_RANGE);
                assertThat(progress).isSorted().endsWith(2);
            }
        }
    }

    /** The department topic with two partitions, the receipts topic with three, and the hub reading from the start. */
    private static synchronized ReceiptingHub startHub(EmbeddedKafkaBroker broker) {
        if (hub == null) {
            broker.addTopics(new NewTopic(DEPARTMENT_TOPIC, 2, (short) 1), new NewTopic(RECEIPTS_TOPIC, 3, (short) 1));
            TestTopics.publishCatalog(broker.getBrokersAsString(), registry.baseUrl());
            hub = new ReceiptingHub(broker.getBrokersAsString(), registry.baseUrl(), DEPARTMENT_TOPIC, RECEIPTS_TOPIC)
                    .refusing(observation -> observation.getValue() != null && observation.getValue().compareTo(HUB_MAXIMUM) > 0
                            ? Optional.of(new Refusal(RejectionReason.VALUE_OUT_OF_RANGE, "value "
                                    + observation.getValue().stripTrailingZeros().toPlainString() + " is above NS-01's maximum "
                                    + HUB_MAXIMUM))
                            : Optional.empty());
        }
        return hub;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private int publish(EmbeddedKafkaBroker broker, Path file, String... options) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.getBrokersAsString(),
                "--registry-url", registry.baseUrl(), "--department", "STC", "--spool", folder.resolve("spool").toString(),
                "publish", "--file", file.toString()));
        all.addAll(List.of(options));
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }
}
