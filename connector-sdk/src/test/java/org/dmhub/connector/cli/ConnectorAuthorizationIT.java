package org.dmhub.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
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
 * The connector against a broker of the secure mode: TLS with the brokers' own CA (a PEM file), SCRAM-SHA-512, and an
 * authorizer that allows nothing without an ACL. The department's user has exactly the rights the hub gives a
 * department (write its topic, read the catalog and its receipts): it publishes its own file, and is refused, with
 * the reason, on another department's topic (whose rows stay in the spool) and on the hub's topics.
 */
class ConnectorAuthorizationIT {

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
        broker = BrokerProcess.startSecure(shared.resolve("broker"), "focal", "focal-mat-khau-2026");
        registry = RegistryProcess.start(shared.resolve("registry"));
        List<NewTopic> topics = new ArrayList<>();
        List<AclBinding> rights = new ArrayList<>();
        TestTopics.TOPICS.catalogTopics().forEach(topic -> {
            topics.add(new NewTopic(topic.name(), 1, (short) 1));
            rights.add(allow("User:STC", topic.name(), AclOperation.READ));
        });
        for (String department : List.of("STC", "SKHDT")) {
            topics.add(new NewTopic(TestTopics.TOPICS.observations(department).name(), 1, (short) 1));
            topics.add(new NewTopic(TestTopics.TOPICS.receipts(department).name(), 1, (short) 1));
        }
        topics.add(new NewTopic(TestTopics.TOPICS.nationalAggregates().name(), 1, (short) 1));
        rights.add(allow("User:STC", TestTopics.TOPICS.observations("STC").name(), AclOperation.WRITE));
        rights.add(allow("User:STC", TestTopics.TOPICS.receipts("STC").name(), AclOperation.READ));
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(rights).all().get(60, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("STC",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all().get(60, TimeUnit.SECONDS);
        }
        TestTopics.publishCatalog(broker.adminClientConfig(), registry.baseUrl());
        // a connector with credentials registers no schema: the focal point's release does
        new SchemaRelease(new RegistrySerdes(registry.baseUrl()), TestTopics.TOPICS).deployDepartments(List.of("STC", "SKHDT"));
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void theDepartmentPublishesItsOwnFileOverTlsWithItsOwnRights() throws Exception {
        int exit = run("STC", "publish", "--file", file("2026-03").toString(), "--no-wait");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 rows published to " + TestTopics.TOPICS.observations("STC").name());
        assertThat(TestTopics.readObservations(broker.adminClientConfig(), registry.baseUrl(),
                TestTopics.TOPICS.observations("STC").name(), observation -> observation.getPeriod().equals("2026-03"), 2))
                .extracting(IndicatorObservation::getArea).containsExactly("25747", "25750");
    }

    @Test
    void anotherDepartmentsTopicIsRefusedWithTheReasonAndNothingIsWritten() throws Exception {
        Path skhdtFile = Files.writeString(folder.resolve("skhdt.csv"), "indicator,area,period,value\nDN-01,25747,2026-04,3\n",
                StandardCharsets.UTF_8);

        int exit = run("SKHDT", "publish", "--file", skhdtFile.toString(), "--no-wait");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("the broker does not allow this", "dmhub.observations.SKHDT", "ask the focal point",
                "wait in the spool");
        TestTopics.readObservations(broker.adminClientConfig(), registry.baseUrl(), TestTopics.TOPICS.observations("SKHDT").name(),
                observation -> true, 0);
    }

    @Test
    void theHubsNationalTopicIsNotTheDepartmentsToRead() throws Exception {
        int exit = run("STC", "read", "--topic", "national");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("the broker does not allow this");
    }

    /** The connector logged in as STC, publishing for {@code department}. */
    private int run(String department, String... command) throws Exception {
        Path config = folder.resolve("connector.yaml");
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, String.join("\n",
                "bootstrap-servers: " + broker.secureBootstrapServers(),
                "registry-url: " + registry.baseUrl(),
                "department: " + department,
                "spool: " + folder.resolve("spool"),
                "username: STC",
                "password: " + PASSWORD,
                "truststore: " + broker.caCertificate(),
                ""), StandardCharsets.UTF_8);
        CommandLine commandLine = ConnectorCli.commandLine(new KafkaHubAccess());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of("--config", config.toString()));
        arguments.addAll(List.of(command));
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    private Path file(String period) throws Exception {
        return Files.writeString(folder.resolve("bao-cao.csv"), "indicator,area,period,value\n"
                + "NS-01,25747," + period + ",1.5\nNS-01,25750," + period + ",2.5\n", StandardCharsets.UTF_8);
    }

    private static AclBinding allow(String principal, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
