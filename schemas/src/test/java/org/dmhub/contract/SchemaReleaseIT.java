package org.dmhub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;
import io.apicurio.rest.client.auth.exception.ForbiddenException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.testsupport.SecureSchemaRegistryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry in the hub's secure mode, a real registry logging clients in at a real identity provider: departments
 * (and anyone without a login) read but never register; the focal point registers a release, and the registry's own
 * compatibility rule refuses an incompatible schema even from the focal point; serializers that may not register find
 * the release's ids.
 */
class SchemaReleaseIT {

    @RegisterExtension
    static final SecureSchemaRegistryExtension registry = new SecureSchemaRegistryExtension();

    private static final Topics TOPICS = Topics.withDefaultPrefix();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDepartmentsLoginCannotRegisterASchemaNorChangeARuleNorDeleteASubject() throws Exception {
        release().deployDepartments(List.of("STC"));
        String subject = TOPICS.observations("STC").name() + "-value";
        String department = basic(SecureSchemaRegistryExtension.DEPARTMENT);

        assertThat(register("dmhub.observations.STC2-value", IndicatorObservation.getClassSchema(), department).statusCode())
                .as("a new subject").isEqualTo(403);
        assertThat(send(request("/groups/default/artifacts/" + subject + "/rules/COMPATIBILITY", department)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"COMPATIBILITY\",\"config\":\"NONE\"}"))
                .header("Content-Type", "application/json")).statusCode()).as("a rule").isEqualTo(403);
        assertThat(send(request("/groups/default/artifacts/" + subject, department).DELETE()).statusCode())
                .as("a subject").isEqualTo(403);
        assertThat(send(request("/admin/rules/COMPATIBILITY", department).DELETE()).statusCode())
                .as("the default rule").isEqualTo(403);

        // through the serdes too: a department's serializer that would register is refused by the registry
        RegistrySerdes departmentSerdes = new RegistrySerdes(registry.baseUrl()).withLogin(login(SecureSchemaRegistryExtension.DEPARTMENT));
        assertThatThrownBy(() -> departmentSerdes.registryClient().createArtifact(SchemaRelease.GROUP, "dmhub.observations.STC3-value",
                null, ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, true,
                new ByteArrayInputStream(IndicatorObservation.getClassSchema().toString().getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(subjects()).doesNotContain("dmhub.observations.STC2-value", "dmhub.observations.STC3-value");
    }

    @Test
    void registeringWithoutALoginOrWithAWrongSecretIsRefused() throws Exception {
        assertThat(register("dmhub.observations.ANON-value", IndicatorObservation.getClassSchema(), null).statusCode()).isEqualTo(401);
        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString((SecureSchemaRegistryExtension.FOCAL_POINT + ":not-the-secret")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(register("dmhub.observations.ANON-value", IndicatorObservation.getClassSchema(), wrongSecret).statusCode())
                .isEqualTo(401);
        assertThat(subjects()).doesNotContain("dmhub.observations.ANON-value");
    }

    @Test
    void anIncompatibleSchemaIsRefusedByTheRegistrysRuleEvenFromTheFocalPoint() throws Exception {
        release().deployDepartments(List.of("KTX"));
        String subject = TOPICS.observations("KTX").name() + "-value";
        RegistryClient focalPoint = focalPointSerdes().registryClient();

        Schema newRequiredField = withField(IndicatorObservation.getClassSchema(), "approvedBy", null);
        assertThatThrownBy(() -> focalPoint.createArtifact(SchemaRelease.GROUP, subject, null, ArtifactType.AVRO,
                IfExists.RETURN_OR_UPDATE, true, content(newRequiredField)))
                .isInstanceOf(RuleViolationException.class);
        assertThat(register(subject, newRequiredField, basic(SecureSchemaRegistryExtension.FOCAL_POINT)).statusCode()).isEqualTo(409);
        assertThat(focalPoint.listArtifactVersions(SchemaRelease.GROUP, subject, 0, 10).getCount()).isEqualTo(1);

        // a compatible change passes the same rule: an optional field with a default
        Schema newOptionalField = withField(IndicatorObservation.getClassSchema(), "note", "");
        focalPoint.createArtifact(SchemaRelease.GROUP, subject, null, ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, true,
                content(newOptionalField));
        assertThat(focalPoint.listArtifactVersions(SchemaRelease.GROUP, subject, 0, 10).getCount()).isEqualTo(2);
    }

    @Test
    void aNewSubjectIsCheckedByTheRegistrysDefaultRule() throws Exception {
        release().deployShared();
        String subject = "dmhub.observations.NEWDEPT-value";
        RegistryClient focalPoint = focalPointSerdes().registryClient();
        focalPoint.createArtifact(SchemaRelease.GROUP, subject, null, ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, true,
                content(IndicatorObservation.getClassSchema()));

        assertThat(focalPoint.getGlobalRuleConfig(RuleType.COMPATIBILITY).getConfig()).isEqualTo("BACKWARD");
        assertThatThrownBy(() -> focalPoint.createArtifact(SchemaRelease.GROUP, subject, null, ArtifactType.AVRO,
                IfExists.RETURN_OR_UPDATE, true, content(withField(IndicatorObservation.getClassSchema(), "approvedBy", null))))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void afterTheReleaseAWriterThatMayNotRegisterWritesWithTheReleasesIdsAndAReaderReads() {
        SchemaRelease.Deployment deployment = release().deploy(List.of("STC"));
        String topic = TOPICS.observations("STC").name();
        long releasedContentId = deployment.subjects().stream().filter(subject -> subject.subject().equals(topic + "-value"))
                .findFirst().orElseThrow().contentId();

        // a connector in the secure mode: anonymous, registering nothing
        RegistrySerdes connector = new RegistrySerdes(registry.baseUrl()).withoutAutoRegistration();
        IndicatorObservation sent = observation();
        byte[] written;
        try (Serde<IndicatorObservation> serde = connector.valueSerde(IndicatorObservation.class)) {
            written = serde.serializer().serialize(topic, sent);
            assertThat(serde.serializer().serialize(topic, sent)).as("the id, once known, is kept").isEqualTo(written);
        }
        assertThat(written[0]).isZero();
        assertThat((long) ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(releasedContentId);

        // the hub reads it with its own read-only login, and writes its outputs the same way
        RegistrySerdes hub = new RegistrySerdes(registry.baseUrl()).withLogin(login(SecureSchemaRegistryExtension.HUB))
                .withoutAutoRegistration();
        try (Serde<IndicatorObservation> serde = hub.valueSerde(IndicatorObservation.class)) {
            assertThat(serde.deserializer().deserialize(topic, written)).isEqualTo(sent);
        }
        try (Serde<Department> serde = hub.valueSerde(Department.class)) {
            Department value = Department.newBuilder().setCode("STC").setName("Sở Tài chính").build();
            String catalogTopic = TOPICS.departments().name();
            assertThat(serde.deserializer().deserialize(catalogTopic, serde.serializer().serialize(catalogTopic, value))).isEqualTo(value);
        }
    }

    @Test
    void aWriterWhoseSchemaIsNotRegisteredFailsNamingTheSubjectAndTheRelease() {
        RegistrySerdes connector = new RegistrySerdes(registry.baseUrl()).withoutAutoRegistration();
        String topic = TOPICS.observations("NOTDEPLOYED").name();

        assertThatThrownBy(() -> connector.requireRegistered(TOPICS.observations("NOTDEPLOYED")))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("subject " + topic + "-value").hasMessageContaining("the focal point must deploy the release");
        try (Serde<IndicatorObservation> serde = connector.valueSerde(IndicatorObservation.class)) {
            assertThatThrownBy(() -> serde.serializer().serialize(topic, observation()))
                    .isInstanceOf(SchemaNotRegisteredException.class)
                    .hasMessageContaining("subject " + topic + "-value").hasMessageContaining("the focal point must deploy the release");
        }
    }

    @Test
    void deployingTheSameReleaseAgainChangesNothing() {
        SchemaRelease release = release();
        SchemaRelease.Deployment first = release.deploy(List.of("SKHDT", "SYT"));
        RegistryClient client = focalPointSerdes().registryClient();
        List<Long> versionsBefore = versionCounts(client, first);

        SchemaRelease.Deployment again = release.deploy(List.of("SKHDT", "SYT"));

        assertThat(again.changedAnything()).as(again.toString()).isFalse();
        assertThat(again.subjects()).extracting(SchemaRelease.SubjectChange::contentId)
                .isEqualTo(first.subjects().stream().map(SchemaRelease.SubjectChange::contentId).toList());
        assertThat(again.subjects()).hasSize(TOPICS.sharedTopics().size() + 4)
                .allSatisfy(subject -> assertThat(subject.compatibility()).isEqualTo("BACKWARD"));
        assertThat(versionCounts(client, again)).isEqualTo(versionsBefore);
    }

    @Test
    void aWeakerRuleIsRaisedAndAStrongerOneKept() {
        release().deployDepartments(List.of("STP"));
        RegistryClient client = focalPointSerdes().registryClient();
        String observations = TOPICS.observations("STP").name() + "-value";
        String receipts = TOPICS.receipts("STP").name() + "-value";
        client.updateArtifactRuleConfig(SchemaRelease.GROUP, observations, RuleType.COMPATIBILITY, rule("NONE"));
        client.updateArtifactRuleConfig(SchemaRelease.GROUP, receipts, RuleType.COMPATIBILITY, rule("FULL_TRANSITIVE"));

        SchemaRelease.Deployment deployment = release().deployDepartments(List.of("STP"));

        assertThat(client.getArtifactRuleConfig(SchemaRelease.GROUP, observations, RuleType.COMPATIBILITY).getConfig()).isEqualTo("BACKWARD");
        assertThat(client.getArtifactRuleConfig(SchemaRelease.GROUP, receipts, RuleType.COMPATIBILITY).getConfig())
                .isEqualTo("FULL_TRANSITIVE");
        assertThat(deployment.subjects()).extracting(SchemaRelease.SubjectChange::changed).containsExactly(true, false);
        assertThat(SchemaRelease.atLeastBackward("FORWARD")).isEqualTo("FULL");
        assertThat(SchemaRelease.atLeastBackward("FORWARD_TRANSITIVE")).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void theCommandLineDeploysWithTheFocalPointsLoginFromTheEnvironmentAndRefusesADepartments() throws Exception {
        Map<String, String> focalPoint = Map.of(RegistryLogin.CLIENT_ID_VARIABLE, SecureSchemaRegistryExtension.FOCAL_POINT,
                RegistryLogin.SECRET_FILE_VARIABLE,
                registry.identityProvider().secretFile(SecureSchemaRegistryExtension.FOCAL_POINT).toString());
        Map<String, String> department = Map.of(RegistryLogin.CLIENT_ID_VARIABLE, SecureSchemaRegistryExtension.DEPARTMENT,
                RegistryLogin.SECRET_VARIABLE, registry.secret(SecureSchemaRegistryExtension.DEPARTMENT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int deployed = SchemaRelease.run(List.of(registry.baseUrl(), "SNN"), focalPoint, new PrintStream(out, true), new PrintStream(err, true));
        int again = SchemaRelease.run(List.of(registry.baseUrl(), "SNN"), focalPoint, new PrintStream(out, true), new PrintStream(err, true));
        int refused = SchemaRelease.run(List.of(registry.baseUrl(), "SXD"), department, new PrintStream(out, true), new PrintStream(err, true));
        int anonymous = SchemaRelease.run(List.of(registry.baseUrl(), "SXD"), Map.of(), new PrintStream(out, true), new PrintStream(err, true));

        assertThat(deployed).as(err.toString()).isZero();
        assertThat(again).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dmhub.observations.SNN-value: registered version 1, compatibility BACKWARD",
                "release already deployed: " + (TOPICS.sharedTopics().size() + 2) + " subjects unchanged");
        assertThat(refused).isEqualTo(1);
        assertThat(anonymous).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("does not let client " + SecureSchemaRegistryExtension.DEPARTMENT, "sr-admin", "refused the login of an anonymous client")
                .doesNotContain(registry.secret(SecureSchemaRegistryExtension.DEPARTMENT));
        assertThat(subjects()).doesNotContain("dmhub.observations.SXD-value");
    }

    private static SchemaRelease release() {
        return new SchemaRelease(focalPointSerdes(), TOPICS);
    }

    private static RegistrySerdes focalPointSerdes() {
        return new RegistrySerdes(registry.baseUrl()).withLogin(login(SecureSchemaRegistryExtension.FOCAL_POINT));
    }

    private static RegistryLogin login(String clientId) {
        return RegistryLogin.fromFile(clientId, registry.identityProvider().secretFile(clientId));
    }

    private static String basic(String clientId) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + registry.secret(clientId)).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> register(String subject, Schema schema, String authorization) throws Exception {
        return send(request("/groups/default/artifacts?ifExists=RETURN_OR_UPDATE", authorization)
                .header("Content-Type", "application/json").header("X-Registry-ArtifactId", subject)
                .header("X-Registry-ArtifactType", "AVRO")
                .POST(HttpRequest.BodyPublishers.ofString(schema.toString())));
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/apis/registry/v2" + path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The subjects, as any Confluent client sees them (anonymously). */
    private String subjects() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Long> versionCounts(RegistryClient client, SchemaRelease.Deployment deployment) {
        List<Long> counts = new ArrayList<>();
        for (SchemaRelease.SubjectChange subject : deployment.subjects()) {
            counts.add((long) client.listArtifactVersions(SchemaRelease.GROUP, subject.subject(), 0, 100).getCount());
        }
        return counts;
    }

    /** {@code schema} with one more string field, required when {@code defaultValue} is null. */
    private static Schema withField(Schema schema, String name, String defaultValue) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, defaultValue));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static ByteArrayInputStream content(Schema schema) {
        return new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Rule rule(String level) {
        Rule rule = new Rule();
        rule.setType(RuleType.COMPATIBILITY);
        rule.setConfig(level);
        return rule;
    }

    private static IndicatorObservation observation() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return IndicatorObservation.newBuilder()
                .setEventId("e-1").setDepartment("STC").setIndicator("NS-01").setArea("25747").setPeriod("2026-10")
                .setValue(new BigDecimal("12.500000000000")).setUnit("tỷ đồng").setStatus(ObservationStatus.REPORTED)
                .setObservedAt(now).setPublishedAt(now).setRevision(1).setSource("test").build();
    }
}
