package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dmhub.connector.support.TestTopics;
import org.dmhub.contract.RegistryLogin;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.SchemaRelease;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.testsupport.BrokerProcess;
import org.dmhub.testsupport.IdentityProviderProcess;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The connector against the secure mode's schema registry: it registers nothing and needs no registry login (reads
 * are anonymous). Until the focal point deploys the release holding its department's subject, publishing stops at
 * once with the subject named; once deployed, it publishes with the release's schema id and the hub reads it.
 */
class ConnectorSecureRegistryIT {

    private static final String TOPIC = TestTopics.TOPICS.observations("STC").name();
    private static final String PASSWORD = "stc-mat-khau-2026";

    @TempDir
    static Path shared;
    private static BrokerProcess broker;
    private static IdentityProviderProcess identityProvider;
    private static RegistryProcess registry;
    private static SchemaRelease release;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.startWithScramUser(shared.resolve("broker"), "stc", PASSWORD);
        identityProvider = IdentityProviderProcess.start(shared.resolve("identity"), Map.of("focal-point", List.of("sr-admin")));
        registry = RegistryProcess.startSecure(shared.resolve("registry"), identityProvider);
        TestTopics.createCatalogTopicsAnd(broker.bootstrapServers(), TOPIC);
        RegistrySerdes focalPoint = new RegistrySerdes(registry.baseUrl())
                .withLogin(RegistryLogin.fromFile("focal-point", identityProvider.secretFile("focal-point")));
        release = new SchemaRelease(focalPoint, TestTopics.TOPICS);
        release.deployShared();
        TestTopics.publishCatalog(broker.bootstrapServers(), new RegistrySerdes(registry.baseUrl()).withoutAutoRegistration());
    }

    @AfterAll
    static void stop() {
        registry.close();
        identityProvider.close();
        broker.close();
    }

    @Test
    void publishingStopsNamingTheSubjectUntilTheFocalPointDeploysTheReleaseThenTheHubReadsIt() throws Exception {
        int before = publish("2026-03");

        assertThat(before).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString().strip()).hasLineCount(1)
                .contains("subject " + TOPIC + "-value", "the focal point must deploy the release");
        assertThat(Files.exists(folder.resolve("spool"))).as("nothing spooled").isFalse();

        release.deployDepartments(List.of("STC"));
        err.getBuffer().setLength(0);
        int after = publish("2026-03");

        assertThat(after).as(err.toString()).isZero();
        assertThat(TestTopics.readObservations(broker.bootstrapServers(), registry.baseUrl(), TOPIC,
                observation -> observation.getPeriod().equals("2026-03"), 2))
                .extracting(IndicatorObservation::getArea).containsExactly("25747", "25750");
    }

    private int publish(String period) throws Exception {
        Path config = Files.writeString(folder.resolve("connector.yaml"), String.join("\n",
                "bootstrap-servers: " + broker.saslBootstrapServers(),
                "registry-url: " + registry.baseUrl(),
                "department: STC",
                "spool: " + folder.resolve("spool"),
                "username: stc",
                "password: '" + PASSWORD + "'",
                "security-protocol: SASL_PLAINTEXT",
                ""), StandardCharsets.UTF_8);
        Path file = Files.writeString(folder.resolve("bao-cao.csv"), "indicator,area,period,value\n"
                + "NS-01,25747," + period + ",1.5\nNS-01,25750," + period + ",2.5\n", StandardCharsets.UTF_8);
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("--config", config.toString(), "publish", "--file", file.toString(), "--no-wait");
    }
}
