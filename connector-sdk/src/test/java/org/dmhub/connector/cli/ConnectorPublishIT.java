package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import picocli.CommandLine;

/**
 * The command line's own code path against a real broker and the packaged schema registry: what a department
 * publishes from a file is exactly what the hub reads from its topic.
 */
@EmbeddedKafka(partitions = 1, topics = {"dmhub.catalog.indicators", "dmhub.catalog.areas", "dmhub.catalog.departments",
    "dmhub.observations.STC", "dmhub.observations.rejected"})
class ConnectorPublishIT {

    private static final Topics TOPICS = Topics.withDefaultPrefix();
    private static final String DEPARTMENT_TOPIC = TOPICS.observations("STC").name();

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void publishesACsvFileExactlyAndTheSameFileTwiceWithTheSameEventIds(EmbeddedKafkaBroker broker) throws IOException {
        publishCatalog(broker);
        Path file = Files.writeString(folder.resolve("thang10.csv"), "\uFEFF"
                + "indicator,area,period,value,unit,revision,status,eventId,comment\n"
                + "NS-01,25747,2026-10,98765.123456789012,tỷ đồng,3,REPORTED,,Số liệu ước tính tháng 10\n"
                + "NS-01,25750,2026-10,0.000000000001,,,,,\n"
                + "NS-01,25747,2026-10,,,4,RETRACTED,,gửi nhầm hai lần\n", StandardCharsets.UTF_8);

        assertThat(publish(broker, file)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 rows published to dmhub.observations.STC");

        List<IndicatorObservation> first = readDepartmentTopic(broker, "2026-10", 3);
        assertThat(first).extracting(IndicatorObservation::getArea).containsExactly("25747", "25750", "25747");
        IndicatorObservation reported = first.get(0);
        assertThat(reported.getValue()).isEqualByComparingTo("98765.123456789012");
        assertThat(reported.getUnit()).isEqualTo("tỷ đồng");
        assertThat(reported.getRevision()).isEqualTo(3L);
        assertThat(reported.getDepartment()).isEqualTo("STC");
        assertThat(reported.getComment()).isEqualTo("Số liệu ước tính tháng 10");
        assertThat(reported.getSource()).isEqualTo("Phần mềm kế toán ngân sách");
        IndicatorObservation defaulted = first.get(1);
        assertThat(defaulted.getValue()).isEqualByComparingTo("0.000000000001");
        assertThat(defaulted.getUnit()).isEqualTo("tỷ đồng");
        assertThat(defaulted.getStatus()).isEqualTo(ObservationStatus.REPORTED);
        assertThat(defaulted.getRevision()).isEqualTo(defaulted.getPublishedAt().toEpochMilli());
        IndicatorObservation retracted = first.get(2);
        assertThat(retracted.getStatus()).isEqualTo(ObservationStatus.RETRACTED);
        assertThat(retracted.getValue()).isNull();
        assertThat(retracted.getComment()).isEqualTo("gửi nhầm hai lần");

        assertThat(publish(broker, file)).as(err.toString()).isZero();
        List<IndicatorObservation> both = readDepartmentTopic(broker, "2026-10", 6);
        assertThat(both.subList(3, 6)).extracting(IndicatorObservation::getEventId)
                .containsExactlyElementsOf(first.stream().map(IndicatorObservation::getEventId).toList());
    }

    @Test
    void garbageOnACatalogTopicIsLeftOutAndTheFileStillPublishes(EmbeddedKafkaBroker broker) throws Exception {
        publishCatalog(broker);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(TOPICS.areas().name(), "99998".getBytes(StandardCharsets.UTF_8),
                    "not an area".getBytes(StandardCharsets.UTF_8))).get();
        }
        send(broker, TOPICS.areas().name(), "99997", new Department("STC", "a department on the areas topic"));
        Path file = Files.writeString(folder.resolve("thang7-2025.jsonl"), """
                {"indicator":"NS-01","area":"25747","period":"2025-07","value":"7"}
                """, StandardCharsets.UTF_8);

        assertThat(publish(broker, file)).as(err.toString()).isZero();

        assertThat(err.toString()).contains("warning: 2 records on the catalog topics are not part of the framework");
        assertThat(readDepartmentTopic(broker, "2025-07", 1).get(0).getValue()).isEqualByComparingTo("7");
    }

    @Test
    void publishesAJsonLinesFile(EmbeddedKafkaBroker broker) throws IOException {
        publishCatalog(broker);
        Path file = Files.writeString(folder.resolve("thang11.jsonl"), """
                {"indicator":"NS-01","area":"25747","period":"2026-11","value":99999.999999999999,"revision":1,"comment":"Thuế thu nhập"}
                {"indicator":"NS-01","area":"25750","period":"2026-11","value":"42"}
                """, StandardCharsets.UTF_8);

        assertThat(publish(broker, file)).as(err.toString()).isZero();

        List<IndicatorObservation> read = readDepartmentTopic(broker, "2026-11", 2);
        assertThat(read.get(0).getValue()).isEqualByComparingTo("99999.999999999999");
        assertThat(read.get(0).getComment()).isEqualTo("Thuế thu nhập");
        assertThat(read.get(1).getValue()).isEqualByComparingTo("42");
        assertThat(read.get(1).getUnit()).isEqualTo("tỷ đồng");
    }

    @Test
    void publishesAnExcelWorkbookExactly(EmbeddedKafkaBroker broker) throws IOException {
        publishCatalog(broker);
        Path file = folder.resolve("thang12.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream stream = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Tháng 12");
            cells(sheet.createRow(0), "indicator", "area", "period", "value", "unit", "revision", "status", "eventId", "comment");
            cells(sheet.createRow(1), "NS-01", 25747, "2026-12", 98765.1234567891, "tỷ đồng", 3, "REPORTED", null,
                    "Số liệu ước tính tháng 12");
            cells(sheet.createRow(3), "NS-01", "25750", "2026-12", "99999.999999999999", null, null, null, null, "Xã Định Hòa");
            cells(sheet.createRow(4), "NS-01", 25750, "2026-12", 0.1 + 0.2);
            cells(sheet.createRow(5), "NS-01", 25747, "2026-12", null, null, 4, "RETRACTED", null, "gửi nhầm hai lần");
            workbook.write(stream);
        }

        assertThat(publish(broker, file)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("4 rows published to dmhub.observations.STC");

        List<IndicatorObservation> read = readDepartmentTopic(broker, "2026-12", 4);
        assertThat(read).extracting(IndicatorObservation::getArea).containsExactly("25747", "25750", "25750", "25747");
        IndicatorObservation reported = read.get(0);
        assertThat(reported.getValue()).isEqualByComparingTo("98765.1234567891");
        assertThat(reported.getUnit()).isEqualTo("tỷ đồng");
        assertThat(reported.getRevision()).isEqualTo(3L);
        assertThat(reported.getStatus()).isEqualTo(ObservationStatus.REPORTED);
        assertThat(reported.getDepartment()).isEqualTo("STC");
        assertThat(reported.getComment()).isEqualTo("Số liệu ước tính tháng 12");
        assertThat(reported.getSource()).isEqualTo("Phần mềm kế toán ngân sách");
        IndicatorObservation text = read.get(1);
        assertThat(text.getValue()).isEqualByComparingTo("99999.999999999999");
        assertThat(text.getUnit()).isEqualTo("tỷ đồng");
        assertThat(text.getRevision()).isEqualTo(text.getPublishedAt().toEpochMilli());
        assertThat(text.getComment()).isEqualTo("Xã Định Hòa");
        assertThat(read.get(2).getValue()).isEqualByComparingTo("0.3");
        IndicatorObservation retracted = read.get(3);
        assertThat(retracted.getStatus()).isEqualTo(ObservationStatus.RETRACTED);
        assertThat(retracted.getValue()).isNull();
        assertThat(retracted.getRevision()).isEqualTo(4L);
        assertThat(retracted.getComment()).isEqualTo("gửi nhầm hai lần");
    }

    @Test
    void publishingTellsHowManyObservationsTheBrokerHasStored(EmbeddedKafkaBroker broker) {
        publishCatalog(broker);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<IndicatorObservation> observations = IntStream.rangeClosed(1, 2_500).mapToObj(revision -> IndicatorObservation.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIndicator("NS-01")
                .setDepartment("STC")
                .setArea(revision % 2 == 0 ? "25747" : "25750")
                .setPeriod("2025-06")
                .setValue(new BigDecimal(revision).movePointLeft(2))
                .setUnit("tỷ đồng")
                .setRevision(revision)
                .setStatus(ObservationStatus.REPORTED)
                .setObservedAt(now)
                .setPublishedAt(now)
                .setSource("ConnectorPublishIT")
                .build()).toList();
        List<Long> counts = new ArrayList<>();

        new KafkaHubAccess().publish(new ConnectionSettings(broker.getBrokersAsString(), registry.baseUrl(), "STC", "ConnectorPublishIT",
                folder.resolve("spool")),
                observations, counts::add);

        assertThat(counts).isNotEmpty().isSorted();
        assertThat(counts.get(counts.size() - 1)).isEqualTo(2_500L);
        assertThat(readDepartmentTopic(broker, "2025-06", 2_500)).extracting(IndicatorObservation::getRevision)
                .containsExactlyElementsOf(observations.stream().map(IndicatorObservation::getRevision).toList());
    }

    @Test
    void catalogShowReadsTheCatalogTopics(EmbeddedKafkaBroker broker) {
        publishCatalog(broker);

        assertThat(execute(broker, "catalog", "show")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("NS-01", "Thu ngân sách nhà nước trên địa bàn").doesNotContain("DN-01");
    }

    @Test
    void readPrintsEveryRecordOfTheRejectedTopic(EmbeddedKafkaBroker broker) {
        ObservationRejected rejected = ObservationRejected.newBuilder()
                .setReasons(List.of(RejectionReason.UNKNOWN_AREA))
                .setDetails(List.of("area 99999 is not in the framework's area list"))
                .setSourceTopic(DEPARTMENT_TOPIC)
                .setSourcePartition(0)
                .setSourceOffset(41L)
                .setDepartment("STC")
                .setRejectedAt(Instant.parse("2026-11-05T08:30:00Z"))
                .build();
        send(broker, TOPICS.rejected().name(), "NS-01|99999|2026-10", rejected);

        assertThat(execute(broker, "read", "--topic", "rejected", "--timeout", "2s")).as(err.toString()).isZero();

        assertThat(out.toString().lines()).containsExactly(rejected.toString());
    }

    /** Text cells for strings, numeric cells for numbers, no cell for null. */
    private static void cells(Row row, Object... values) {
        for (int column = 0; column < values.length; column++) {
            if (values[column] instanceof String text) {
                row.createCell(column).setCellValue(text);
            } else if (values[column] instanceof Number number) {
                row.createCell(column).setCellValue(number.doubleValue());
            }
        }
    }

    private int publish(EmbeddedKafkaBroker broker, Path file) {
        // no hub here: what is checked is what reaches the department topic (ConnectorReceiptsIT waits for the hub)
        return execute(broker, "--source", "Phần mềm kế toán ngân sách", "publish", "--file", file.toString(), "--no-wait");
    }

    private int execute(EmbeddedKafkaBroker broker, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.getBrokersAsString(),
                "--registry-url", registry.baseUrl(), "--department", "STC", "--spool", folder.resolve("spool").toString()));
        all.addAll(List.of(args));
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private static void publishCatalog(EmbeddedKafkaBroker broker) {
        TestTopics.publishCatalog(broker.getBrokersAsString(), registry.baseUrl());
    }

    private static void send(EmbeddedKafkaBroker broker, String topic, String key, SpecificRecord value) {
        TestTopics.send(broker.getBrokersAsString(), registry.baseUrl(), topic, key, value);
    }

    /** The department topic from its beginning with a plain consumer and the shared deserializer. */
    private static List<IndicatorObservation> readDepartmentTopic(EmbeddedKafkaBroker broker, String period, int expected) {
        return TestTopics.readObservations(broker.getBrokersAsString(), registry.baseUrl(), DEPARTMENT_TOPIC,
                observation -> observation.getPeriod().equals(period), expected);
    }
}
