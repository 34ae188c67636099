package org.dmhub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever bytes a client writes to a topic, the contract's deserializer reads them or refuses them with a
 * {@link SerializationException}, in memory bounded by their size, and reads the next valid record as ever.
 */
class HostileBytesIT {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();

    private static final String TOPIC = Topics.withDefaultPrefix().observations("STC").name();

    private static Deserializer<IndicatorObservation> deserializer;
    private static byte[] valid;
    private static byte[] schemaId;

    @BeforeAll
    static void registerTheObservationSchema() {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        try (Serializer<IndicatorObservation> serializer = serdes.valueSerde(IndicatorObservation.class).serializer()) {
            valid = serializer.serialize(TOPIC, observation("1234.5"));
        }
        schemaId = Arrays.copyOfRange(valid, 1, 5);
        deserializer = serdes.valueSerde(IndicatorObservation.class).deserializer();
    }

    @Test
    @Timeout(10)
    void aStringDeclaringHalfAGigabyteInTenBytesIsRefusedWithoutAllocatingIt() {
        // framing, then the eventId's declared length: 2^29 bytes (zig-zag varint), half a gigabyte
        byte[] liar = framed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04});

        assertThat(liar).hasSize(10);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, liar)).isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("declared in a record of 5 bytes");
        assertThat(deserializer.deserialize(TOPIC, valid).getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    @Timeout(60)
    void randomBodiesBehindAValidSchemaIdAreReadOrRefused() {
        Property.forAll(3000, draw -> {
            byte[] body = new byte[draw.intBetween(0, 300)];
            draw.random().nextBytes(body);
            assertReadOrRefused(framed(body));
        });
        assertThat(deserializer.deserialize(TOPIC, valid).getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    @Timeout(60)
    void everyTruncationAndCorruptionOfAValidRecordIsReadOrRefused() {
        Property.forAll(3000, draw -> {
            byte[] mutated = Arrays.copyOf(valid, draw.intBetween(0, valid.length));
            for (int flips = draw.intBetween(0, 4); flips > 0 && mutated.length > 0; flips--) {
                mutated[draw.intBetween(0, mutated.length - 1)] = (byte) draw.intBetween(0, 255);
            }
            assertReadOrRefused(mutated);
        });
        assertThat(deserializer.deserialize(TOPIC, valid).getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    void bytesOutsideTheWireFormatAndUnknownSchemaIdsAreRefused() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 2, 3})).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "plain text, not Avro".getBytes()))
                .isInstanceOf(SerializationException.class);
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unknownId)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("987654 is not in the registry");
        assertThat(deserializer.deserialize(TOPIC, valid).getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    void aSchemaInTheRegistryThatJavaAvroCannotParseRefusesTheRecordNotTheRegistry() throws Exception {
        int id = registerRawArtifact("{\"type\": \"record\", \"name\": \"IndicatorObservation\", \"namespace\": "
                + "\"org.dmhub.schemas\", \"fields\": [{\"name\": \"eventId\", \"type\": \"no-such-type\"}]}");
        byte[] record = valid.clone();
        ByteBuffer.wrap(record, 1, 4).putInt(id);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, record)).isInstanceOf(SerializationException.class)
                    .isNotInstanceOf(RegistryAvroDeserializer.RegistryUnavailableException.class)
                    .hasMessageContaining("is not an Avro schema this reader can parse");
        }
        assertThat(deserializer.deserialize(TOPIC, valid).getValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    void aSchemaNamingAClassOutsideTheContractIsNotLoaded() throws Exception {
        int id = registerRawArtifact("{\"type\": \"record\", \"name\": \"ProcessBuilder\", \"namespace\": \"java.lang\", "
                + "\"fields\": [{\"name\": \"eventId\", \"type\": \"string\"}]}");
        byte[] record = valid.clone();
        ByteBuffer.wrap(record, 1, 4).putInt(id);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, record)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not a DM Hub record type");
    }

    private static void assertReadOrRefused(byte[] bytes) {
        try {
            deserializer.deserialize(TOPIC, bytes);
        } catch (SerializationException refused) {
            // refused, as any bytes may be
        }
    }

    private static byte[] framed(byte[] body) {
        byte[] framed = new byte[5 + body.length];
        System.arraycopy(schemaId, 0, framed, 1, 4);
        System.arraycopy(body, 0, framed, 5, body.length);
        return framed;
    }

    /** Stores content under a new artifact as Apicurio allows without a validity rule, and returns its content id. */
    private static int registerRawArtifact(String content) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(new RegistrySerdes(registry.baseUrl()).registryApiUrl() + "/groups/default/artifacts"))
                .header("Content-Type", "application/json").header("X-Registry-ArtifactType", "AVRO")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher contentId = Pattern.compile("\"contentId\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(contentId.find()).as(response.body()).isTrue();
        return Integer.parseInt(contentId.group(1));
    }

    private static IndicatorObservation observation(String value) {
        return IndicatorObservation.newBuilder().setEventId("00000000-0000-0000-0000-000000000001").setIndicator("NS-01")
                .setDepartment("STC").setArea("25747").setPeriod("2026-10").setValue(new BigDecimal(value).setScale(12))
                .setUnit("tỷ đồng").setRevision(1).setStatus(ObservationStatus.REPORTED).setObservedAt(Instant.EPOCH)
                .setPublishedAt(Instant.EPOCH).setSource("test").build();
    }
}
