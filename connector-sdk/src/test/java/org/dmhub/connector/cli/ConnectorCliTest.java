package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.connector.receipt.NoReceiptsTopicException;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.Receipts;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ReceiptOutcome;
import org.dmhub.schemas.RejectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's decisions and messages, with the broker and registry replaced by a recording fake. */
class ConnectorCliTest {

    private static final String HEADER = "indicator,area,period,value,unit,revision,status,eventId,comment\n";
    private static final String[] CONNECTION = {"--bootstrap-servers", "127.0.0.1:9", "--registry-url", "http://127.0.0.1:9",
        "--department", "STC"};

    @TempDir
    Path folder;

    private final RecordingHub hub = new RecordingHub();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void publishesAValidFile() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1234.5,,,,,\nNS-01,25750,2026-10,7,,,,,\n");

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 rows published to dmhub.observations.STC");
        assertThat(hub.published).hasSize(2);
        assertThat(err.toString()).as("no progress for a small file").isEmpty();
    }

    @Test
    void aLongFileShowsItsProgressAndASummaryOnStandardErrorThenTheReceiptsProgress() throws IOException {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int revision = 1; revision <= PublishCommand.PROGRESS_ABOVE_ROWS + 1_500; revision++) {
            rows.append("NS-01,").append(revision % 2 == 0 ? "25747" : "25750").append(",2026-10,").append(revision % 1000)
                    .append(",,").append(revision).append(",,,\n");
        }
        Path file = write("ca-nam.csv", rows.toString());

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(hub.published).hasSize(6_500);
        assertThat(out.toString()).contains("6500 rows published to dmhub.observations.STC");
        List<String> lines = err.toString().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(err.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0)).as("shown at once").matches("\\r?\\[#{3}\\.{17}\\] 15% 1,000/6,500 rows(, [\\d,]+ rows/s)?");
        assertThat(lines).as(err.toString()).filteredOn(line -> line.matches("\\r?6,500 rows stored in \\d+\\.\\d s(, [\\d,]+ rows/s on average)? *"))
                .hasSize(1);
        assertThat(lines).contains("waiting for the hub's receipts of 6,500 rows...");
        assertThat(lines.get(lines.size() - 1)).matches("\\r?6,500 receipts received in \\d+\\.\\d s(, [\\d,]+ receipts/s on average)? *");
    }

    @Test
    void aFileWithAnInvalidRowPublishesNothing() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1234.5,,,,,\nNS-01,25750,2026-10,abc,,,,,\n");

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(hub.published).isEmpty();
        assertThat(err.toString()).contains("row 3, value: 'abc' is not a number", "nothing was published");
    }

    @Test
    void skipInvalidPublishesTheValidRows() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1234.5,,,,,\nNS-01,25750,2026-13,1,,,,,\n");

        int exit = run("publish", "--file", file.toString(), "--skip-invalid");

        assertThat(exit).isZero();
        assertThat(hub.published).hasSize(1);
        assertThat(err.toString()).contains("row 3, period:", "[PERIOD_MISMATCH]");
        assertThat(out.toString()).contains("1 rows published to dmhub.observations.STC; 1 invalid rows skipped");
    }

    @Test
    void dryRunPublishesNothing() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1234.5,,,,,\n");

        int exit = run("publish", "--file", file.toString(), "--dry-run");

        assertThat(exit).isZero();
        assertThat(hub.published).isEmpty();
        assertThat(out.toString()).contains("1 of 1 rows are valid; dry run");
    }

    @Test
    void everyKindOfBadFileExitsNonZeroWithARowNumberedMessage() throws IOException {
        assertRefused(write("header.csv", "chi_tieu,dia_ban,ky,gia_tri\nNS-01,25747,2026-10,1\n"), "row 1, header: ");
        assertRefused(write("value.csv", HEADER + "NS-01,25747,2026-10,12 tỷ,,,,,\n"), "row 2, value: ");
        assertRefused(write("period.csv", HEADER + "NS-01,25747,10/2026,12,,,,,\n"), "row 2, period: ");
        assertRefused(write("unknown.csv", HEADER + "XX-99,25747,2026-10,12,,,,,\n"), "row 2, indicator: ");
        assertRefused(write("other.csv", HEADER + "DN-01,25747,2026-10,12,,,,,\n"), "row 2, department: ");
        assertRefused(write("long.csv", HEADER + "NS-01,25747,2026-10,12,,,,," + "x".repeat(1001) + "\n"), "row 2, comment: ");
        assertRefused(write("nan.jsonl", "{\"indicator\":\"NS-01\",\"area\":\"25747\",\"period\":\"2026-10\",\"value\":\"NaN\"}\n"),
                "row 1, value: ");
        Path workbook = folder.resolve("bao-cao.csv");
        Files.write(workbook, new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, (byte) 0xFF});
        assertRefused(workbook, "row 1, file: the file is not UTF-8 text");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void validateListsEveryBadRow() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,abc,,,,,\nNS-01,99999,2026-10,1,,,,,\n");

        int exit = run("validate", "--file", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(err.toString()).contains("row 2, value:", "row 3, area: area 99999 is not in the framework's area list [UNKNOWN_AREA]");
    }

    @Test
    void validateReadsTheChosenSheetOfAWorkbook() throws IOException {
        Path file = folder.resolve("bao-cao.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream stream = Files.newOutputStream(file)) {
            workbook.createSheet("Bìa").createRow(0).createCell(0).setCellValue("Báo cáo tháng 10");
            Sheet sheet = workbook.createSheet("Tháng 10");
            Row header = sheet.createRow(0);
            List.of("indicator", "area", "period", "value").forEach(name -> header.createCell(header.getPhysicalNumberOfCells())
                    .setCellValue(name));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("NS-01");
            row.createCell(1).setCellValue(25747);
            row.createCell(2).setCellValue("2026-10");
            row.createCell(3).setCellValue(1234.5);
            workbook.write(stream);
        }

        assertThat(run("validate", "--file", file.toString())).isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(err.toString()).contains("row 1, header: ", "choose another with --sheet");
        assertThat(run("validate", "--file", file.toString(), "--sheet", "Tháng 10")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("all 1 rows are valid");
        assertThat(run("validate", "--file", file.toString(), "--sheet", "Tháng 11")).isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(err.toString()).contains("row 1, sheet: the workbook has no sheet 'Tháng 11'; its sheets are 'Bìa', 'Tháng 10'");
        assertThat(run("validate", "--file", write("thang10.csv", HEADER).toString(), "--sheet", "Tháng 10"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--sheet is for Excel workbooks (.xlsx)");
    }

    @Test
    void settingsComeFromTheConfigurationFileAndOptionsMayFollowTheCommand() throws IOException {
        Path config = write("connector.yaml", "bootstrap-servers: 127.0.0.1:9\nregistry-url: http://127.0.0.1:9\ndepartment: SKHDT\n");
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");

        int exit = run("publish", "--config", config.toString(), "--department", "STC", "--file", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(hub.settings.department()).isEqualTo("STC");
        assertThat(hub.settings.bootstrapServers()).isEqualTo("127.0.0.1:9");
    }

    @Test
    void theTopicPrefixComesFromTheOptionOrTheConfigurationFileAndIsTheHubsDefaultOtherwise() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");
        Path config = write("connector.yaml", "bootstrap-servers: 127.0.0.1:9\nregistry-url: http://127.0.0.1:9\ndepartment: STC\n"
                + "topic-prefix: tinh74.\n");

        assertThat(run("publish", "--file", file.toString())).as(err.toString()).isZero();
        assertThat(hub.settings.topics().prefix()).isEqualTo("dmhub.");

        assertThat(runWithout("--config", config.toString(), "publish", "--file", file.toString())).as(err.toString()).isZero();
        assertThat(hub.settings.topics().prefix()).isEqualTo("tinh74.");
        assertThat(out.toString()).contains("1 rows published to tinh74.observations.STC");

        assertThat(runWithout("--config", config.toString(), "publish", "--file", file.toString(), "--topic-prefix", "hue."))
                .as(err.toString()).isZero();
        assertThat(hub.settings.topics().prefix()).isEqualTo("hue.");
        assertThat(out.toString()).contains("1 rows published to hue.observations.STC");
    }

    @Test
    void aTopicPrefixTheHubCouldNotHaveIsAUsageErrorNamingTheSetting() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");
        Path config = write("connector.yaml", "topic-prefix: tinh/74\n");

        assertThat(run("--topic-prefix", "tinh 74.", "publish", "--file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: 'tinh 74.' is not a topic prefix (--topic-prefix, or 'topic-prefix:' in the"
                + " --config file): letters, digits, '.', '_' and '-' only; write the hub's dmhub.topic-prefix (by default dmhub.)");
        assertThat(run("--config", config.toString(), "read", "--topic", "rejected")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: 'tinh/74' is not a topic prefix");
        assertThat(hub.settings).as("nothing asked of the hub").isNull();
        assertThat(hub.published).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");

        assertThat(runWithout("publish", "--file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing --bootstrap-servers");
        assertThat(run("publish")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("publish", "--file", folder.resolve("none.csv").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(runWithout("--bootstrap-servers", "127.0.0.1:9", "--registry-url", "http://127.0.0.1:9", "--department", "SXD",
                "publish", "--file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("department SXD is not in the framework");
        assertThat(run("read", "--topic", "everything")).isEqualTo(ExitCodes.USAGE);
        assertThat(hub.published).isEmpty();
    }

    @Test
    void catalogShowListsTheDepartmentsOwnIndicators() {
        assertThat(run("catalog", "show")).isZero();

        assertThat(out.toString()).contains("NS-01", "tỷ đồng", "MONTHLY", "COMMUNE", "Thu ngân sách nhà nước trên địa bàn")
                .doesNotContain("DN-01");
        assertThat(run("catalog", "show", "--indicator", "DN-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("it belongs to SKHDT");
    }

    @Test
    void afterPublishingTheHubsReceiptsGiveAnImportSummary() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1234.5,,,,,\nNS-01,25750,2026-10,7,,,,,\n");

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(hub.watched).isTrue();
        assertThat(out.toString()).contains("2 rows published to dmhub.observations.STC",
                "Import summary of the hub (dmhub.receipts.STC), 2 rows:").containsPattern("accepted +2  imported")
                .doesNotContain("no receipt");
    }

    @Test
    void theSummaryCountsEachOutcomeNamesTheRowsThatChangedNothingAndExitsWithFive() throws IOException {
        Path file = write("thang10.csv", HEADER
                + "NS-01,25747,2026-10,1,,5,,,\n"          // row 2: accepted
                + "NS-01,25747,2026-09,2,,5,,,\n"          // row 3: duplicate
                + "NS-01,25750,2026-10,3,,3,,,\n"          // row 4: stale, revision 10 stays
                + "NS-01,25750,2026-09,4,,5,,,\n");        // row 5: rejected
        hub.answers = observation -> switch (observation.getArea() + " " + observation.getPeriod()) {
            case "25747 2026-10" -> receipt(observation, ReceiptOutcome.ACCEPTED, 5L);
            case "25747 2026-09" -> receipt(observation, ReceiptOutcome.DUPLICATE, 5L);
            case "25750 2026-10" -> receipt(observation, ReceiptOutcome.STALE, 10L);
            default -> ObservationReceipt.newBuilder(receipt(observation, ReceiptOutcome.REJECTED, null))
                    .setReasons(List.of(RejectionReason.UNKNOWN_AREA, RejectionReason.VALUE_OUT_OF_RANGE))
                    .setDetails(List.of("area 25750 is not in the framework's area list", "value 4 is above 3")).build();
        };

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.NOT_ALL_APPLIED);
        assertThat(out.toString()).containsPattern("accepted +1  imported").containsPattern("duplicates +1  already imported")
                .containsPattern("stale +1  the hub keeps a higher revision").containsPattern("rejected +1  not imported");
        assertThat(err.toString().lines()).containsExactly(
                "row 4, stale: NS-01|25750|2026-10 revision 3 changed nothing: the hub keeps revision 10; send a higher revision to"
                        + " replace it",
                "row 5, rejected by the hub: NS-01|25750|2026-09: area 25750 is not in the framework's area list [UNKNOWN_AREA];"
                        + " value 4 is above 3 [VALUE_OUT_OF_RANGE]");
    }

    @Test
    void receiptsThatDoNotArriveInTimeExitWithSixAndNameTheirRows() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\nNS-01,25750,2026-10,2,,,,,\n");
        hub.answers = observation -> observation.getArea().equals("25750") ? null
                : receipt(observation, ReceiptOutcome.ACCEPTED, observation.getRevision());

        int exit = run("publish", "--file", file.toString(), "--wait", "5s");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.RECEIPTS_MISSING);
        assertThat(hub.waited).isEqualTo(Duration.ofSeconds(5));
        assertThat(out.toString()).containsPattern("accepted +1").containsPattern("no receipt +1  not confirmed yet");
        assertThat(err.toString()).contains("error: 1 of 2 rows got no receipt from the hub within 5 s (row 3)",
                "stored on dmhub.observations.STC");
    }

    @Test
    void staleOrRejectedRowsWinOverMissingReceiptsInTheExitCode() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,1,,,\nNS-01,25750,2026-10,2,,,,,\n");
        hub.answers = observation -> observation.getArea().equals("25750") ? null
                : receipt(observation, ReceiptOutcome.STALE, 2L);

        assertThat(run("publish", "--file", file.toString())).isEqualTo(ExitCodes.NOT_ALL_APPLIED);
        assertThat(err.toString()).contains("row 2, stale:", "1 of 2 rows got no receipt");
    }

    @Test
    void noWaitAndAZeroWaitPublishWithoutFollowingTheReceipts() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");

        assertThat(run("publish", "--file", file.toString(), "--no-wait")).isZero();
        assertThat(run("publish", "--file", file.toString(), "--wait=0")).isZero();

        assertThat(hub.watched).isFalse();
        assertThat(hub.published).hasSize(2);
        assertThat(out.toString()).contains("1 rows published to dmhub.observations.STC").doesNotContain("Import summary");
    }

    @Test
    void withoutAReceiptsTopicTheRowsArePublishedButNotConfirmed() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");
        hub.receiptsTopic = false;

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.RECEIPTS_MISSING);
        assertThat(hub.published).hasSize(1);
        assertThat(out.toString()).contains("1 rows published to dmhub.observations.STC");
        assertThat(err.toString()).contains("dmhub.receipts.STC does not exist", "--no-wait");
    }

    @Test
    void whenTheReceiptsCannotBeFollowedTheRowsStillGoToTheSpoolAndAreNotConfirmed() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");
        hub.watchFailure = new UserError(ExitCodes.UNREACHABLE, "cannot reach the Kafka broker at 127.0.0.1:9 within 15 s");

        int exit = run("publish", "--file", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.RECEIPTS_MISSING);
        assertThat(hub.published).hasSize(1);
        assertThat(err.toString()).contains("error: cannot follow the hub's receipts: cannot reach the Kafka broker",
                "the import of these rows is not confirmed");
    }

    @Test
    void aWaitThatIsNotADurationIsAUsageError() throws IOException {
        Path file = write("thang10.csv", HEADER + "NS-01,25747,2026-10,1,,,,,\n");

        assertThat(run("publish", "--file", file.toString(), "--wait", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
        assertThat(hub.published).isEmpty();
    }

    private static ObservationReceipt receipt(IndicatorObservation observation, ReceiptOutcome outcome, Long winningRevision) {
        return ObservationReceipt.newBuilder()
                .setEventId(observation.getEventId())
                .setKey(RecordKeys.valueKey(observation.getIndicator(), observation.getArea(), observation.getPeriod()))
                .setOutcome(outcome)
                .setRevision(observation.getRevision())
                .setWinningRevision(winningRevision)
                .setSourceTopic("dmhub.observations.STC")
                .setSourcePartition(0)
                .setSourceOffset(0)
                .setDecidedAt(Instant.parse("2026-11-05T08:30:00Z"))
                .build();
    }

    private void assertRefused(Path file, String message) {
        int exit = run("publish", "--file", file.toString());
        assertThat(exit).as(file.getFileName() + ": " + err).isEqualTo(ExitCodes.INVALID_FILE);
        assertThat(err.toString()).as(file.getFileName().toString()).contains(message);
        assertThat(hub.published).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        String[] all = new String[CONNECTION.length + args.length];
        System.arraycopy(CONNECTION, 0, all, 0, CONNECTION.length);
        System.arraycopy(args, 0, all, CONNECTION.length, args.length);
        return runWithout(all);
    }

    private int runWithout(String... args) {
        CommandLine commandLine = ConnectorCli.commandLine(hub);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Stores what is published in memory; its receipts topic answers as {@link #answers} says (null: no receipt). */
    private static final class RecordingHub implements HubAccess {

        private final List<IndicatorObservation> published = new ArrayList<>();
        private final Map<StoredObservation, IndicatorObservation> stored = new HashMap<>();
        private ConnectionSettings settings;
        private Function<IndicatorObservation, ObservationReceipt> answers =
                observation -> receipt(observation, ReceiptOutcome.ACCEPTED, observation.getRevision());
        private boolean receiptsTopic = true;
        private RuntimeException watchFailure;
        private boolean watched;
        private Duration waited;

        @Override
        public CatalogSnapshot loadCatalog(ConnectionSettings settings) {
            this.settings = settings;
            return SampleFramework.snapshot();
        }

        @Override
        public org.dmhub.connector.DmConnector openConnector(ConnectionSettings settings) {
            throw new AssertionError("not expected");
        }

        /** Stores a thousand observations at a time, telling the running count as the broker would. */
        @Override
        public List<StoredObservation> publish(ConnectionSettings settings, List<IndicatorObservation> observations,
                LongConsumer stored) {
            List<StoredObservation> positions = new ArrayList<>();
            for (int from = 0; from < observations.size(); from += 1_000) {
                for (IndicatorObservation observation : observations.subList(from, Math.min(from + 1_000, observations.size()))) {
                    StoredObservation position = new StoredObservation(observation.getEventId(), "dmhub.observations.STC", 0,
                            published.size());
                    published.add(observation);
                    this.stored.put(position, observation);
                    positions.add(position);
                }
                stored.accept(published.size());
            }
            return positions;
        }

        @Override
        public ReceiptWatch watchReceipts(ConnectionSettings settings) {
            if (!receiptsTopic) {
                throw new NoReceiptsTopicException("dmhub.receipts.STC");
            }
            if (watchFailure != null) {
                throw watchFailure;
            }
            watched = true;
            return new ReceiptWatch() {
                @Override
                public String topic() {
                    return "dmhub.receipts.STC";
                }

                @Override
                public Receipts await(List<StoredObservation> positions, Duration timeout, IntConsumer received) {
                    waited = timeout;
                    Map<StoredObservation, ObservationReceipt> receipts = new HashMap<>();
                    for (StoredObservation position : positions) {
                        ObservationReceipt receipt = answers.apply(stored.get(position));
                        if (receipt != null) {
                            receipts.put(position, receipt);
                        }
                    }
                    received.accept(receipts.size());
                    return new Receipts(positions, receipts, 0);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void read(ConnectionSettings settings, TopicDefinition<?> topic, Duration quietFor, Consumer<Object> printer) {
            throw new AssertionError("not expected");
        }
    }
}
