package org.dmhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.testsupport.ConfluentWireDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;

/**
 * The images as a department's CI would use them, through the test kit: broker, registry and hub in containers with
 * the sample framework; the README's report published by the connector image; the province's on-time rate read from
 * the national topic by a plain Confluent-format consumer; and the connector library sending from the test itself.
 */
@ExtendWith(ContainersRequired.class)
class DmHubContainersIT {

    private static final Path SAMPLE_FRAMEWORK = Path.of("../local/sample-framework.yaml");
    private static DmHubContainers hub;

    @BeforeAll
    static void start() {
        hub = DmHubContainers.start(SAMPLE_FRAMEWORK);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theConnectorImagePublishesTheReadmesReportAndTheNationalTopicCarriesItsOnTimeRate(@TempDir Path folder) throws Exception {
        Path report = Files.writeString(folder.resolve("mot-cua.csv"), """
                indicator,area,period,value
                HC-01,25747,2026-10,120
                HC-02,25747,2026-10,114
                HC-01,25942,2026-10,80
                HC-02,25942,2026-10,70
                """);
        try (GenericContainer<?> connector = hub.connector("VPUBND", "publish", "--file", "/data/mot-cua.csv")
                .withCopyFileToContainer(DmHubContainers.file(report), "/data/mot-cua.csv")) {
            // returns once the command exited 0: every row applied, by the hub's receipts
            connector.start();
            assertThat(connector.getLogs()).contains("accepted           4");
        }

        ConfluentWireDecoder decoder = new ConfluentWireDecoder(hub.registryUrl() + "/apis/ccompat/v7");
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "national-system", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> national = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            national.subscribe(List.of(Topics.withDefaultPrefix().nationalAggregates().name()));
            Map<String, NationalAggregate> latest = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                national.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), decoder.decode(record.value(), NationalAggregate.class)));
                // 100 · (114 + 70) / (120 + 80)
                assertThat(latest.get("HC-03|74|2026-10")).isNotNull();
                assertThat(latest.get("HC-03|74|2026-10").getValue()).isEqualByComparingTo("92");
            });
        }
    }

    @Test
    void aDepartmentsOwnCodeSendsThroughTheConnectorLibraryAndHearsWhatTheHubDid(@TempDir Path spool) throws Exception {
        try (DmConnector connector = DmConnector.builder().bootstrapServers(hub.bootstrapServers()).registryUrl(hub.registryUrl())
                .department("STC").source("kế toán ngân sách").spool(spool).build();
                ReceiptWatch watch = connector.watchReceipts()) {
            IndicatorObservation revenue = connector.newObservation().setIndicator("NS-01").setArea("25747").setPeriod("2026-10")
                    .setValue(new BigDecimal("1234.5")).setUnit("tỷ đồng").setRevision(1L).build();
            IndicatorObservation unknownArea = connector.newObservation().setIndicator("NS-01").setArea("99999").setPeriod("2026-10")
                    .setValue(new BigDecimal("1")).setUnit("tỷ đồng").setRevision(1L).build();
            List<IndicatorObservation> sent = List.of(revenue, unknownArea);
            Receipts receipts = watch.await(StoredObservation.all(sent, connector.publishAll(sent).join()), Duration.ofMinutes(1),
                    received -> { });
            assertThat(receipts.count(ReceiptOutcome.ACCEPTED)).isEqualTo(1);
            assertThat(receipts.count(ReceiptOutcome.REJECTED)).isEqualTo(1);
        }
    }
}
