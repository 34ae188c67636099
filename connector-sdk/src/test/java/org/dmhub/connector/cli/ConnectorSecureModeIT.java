package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.KafkaCredentials;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.SchemaRelease;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.BrokerProcess;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The secure mode's login: a broker whose client listener takes SCRAM-SHA-512 users. The department's user publishes
 * with the credentials of its configuration file or of the Java API; a wrong password is refused with a clear message
 * and publishes nothing.
 */
class ConnectorSecureModeIT {

    private static final String TOPIC = TestTopics.TOPICS.observations("STC").name();
    /** ASCII: the broker takes it on a command line, whatever the machine's locale. */
    private static final String PASSWORD = "stc-mat-khau-2026";

    @TempDir
    static Path shared;
    private static BrokerProcess broker;
    private static RegistryProcess registry;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.startWithScramUser(shared.resolve("broker"), "stc", PASSWORD);
        registry = RegistryProcess.start(shared.resolve("registry"));
        TestTopics.createCatalogTopicsAnd(broker.bootstrapServers(), TOPIC);
        TestTopics.publishCatalog(broker.bootstrapServers(), registry.baseUrl());
        // a connector with credentials registers no schema: the focal point's release does
        new SchemaRelease(new RegistrySerdes(registry.baseUrl()), TestTopics.TOPICS).deployDepartments(List.of("STC"));
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void theDepartmentsUserPublishesWithTheCredentialsOfItsConfigurationFile() throws Exception {
        Path config = configuration(PASSWORD);

        int exit = publish(config, "2026-03");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 rows published to " + TOPIC);
        assertThat(read("2026-03", 2)).extracting(IndicatorObservation::getArea).containsExactly("25747", "25750");
    }

    @Test
    void aWrongPasswordIsRefusedWithTheReasonAndPublishesNothing() throws Exception {
        Path config = configuration("not the password");

        int exit = publish(config, "2026-04");

        assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("the broker refused the login", "--username");
        read("2026-04", 0);
    }

    @Test
    void theJavaApiLogsInWithKafkaCredentials() throws Exception {
        try (DmConnector connector = DmConnector.builder().bootstrapServers(broker.saslBootstrapServers())
                .registryUrl(registry.baseUrl()).department("STC")
                .credentials(new KafkaCredentials("stc", PASSWORD, "SASL_PLAINTEXT", null)).build()) {
            connector.publish(connector.newObservation().setIndicator("NS-01").setArea("25747").setPeriod("2026-05")
                    .setValue(new BigDecimal("12.5")).setUnit("tỷ đồng").setRevision(1).build()).get(60, TimeUnit.SECONDS);
        }
        assertThat(read("2026-05", 1).get(0).getValue()).isEqualByComparingTo("12.5");
    }

    private Path configuration(String password) throws Exception {
        return Files.writeString(folder.resolve("connector.yaml"), String.join("\n",
                "bootstrap-servers: " + broker.saslBootstrapServers(),
                "registry-url: " + registry.baseUrl(),
                "department: STC",
                "spool: " + folder.resolve("spool"),
                "username: stc",
                "password: '" + password.replace("'", "''") + "'",
                "security-protocol: SASL_PLAINTEXT",
                ""), StandardCharsets.UTF_8);
    }

    private int publish(Path config, String period) throws Exception {
        Path file = Files.writeString(folder.resolve("bao-cao.csv"), "indicator,area,period,value\n"
                + "NS-01,25747," + period + ",1.5\nNS-01,25750," + period + ",2.5\n", StandardCharsets.UTF_8);
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        // no hub here to answer with receipts: the login is what is checked
        return commandLine.execute("--config", config.toString(), "publish", "--file", file.toString(), "--no-wait");
    }

    private static List<IndicatorObservation> read(String period, int expected) {
        return TestTopics.readObservations(broker.bootstrapServers(), registry.baseUrl(), TOPIC,
                observation -> observation.getPeriod().equals(period), expected);
    }
}
