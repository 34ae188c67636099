package org.dmhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.dmhub.hub.validation.AcceptedObservation;
import org.junit.jupiter.api.Test;

/** The internal serde writes and reads exactly Avro's single-object encoding. */
class InternalSerdeTest {

    private static final Serde<AcceptedObservation> SERDE = InternalSerde.of(AcceptedObservation.class);

    private static AcceptedObservation observation(String value, String comment) {
        return AcceptedObservation.newBuilder().setEventId("e-1").setIndicator("NS-01").setDepartment("STC").setArea("25747")
                .setPeriod("2026-10").setValue(value == null ? null : new BigDecimal(value).setScale(12)).setUnit("tỷ đồng")
                .setRevision(3).setRetracted(value == null).setObservedAt(Instant.parse("2026-10-31T10:15:30Z"))
                .setPublishedAt(Instant.parse("2026-11-01T01:00:00Z")).setSource("Báo cáo thu ngân sách").setComment(comment)
                .setSourceTopic("dmhub.observations.STC").setSourcePartition(4).setSourceOffset(1_234_567_890_123L).build();
    }

    @Test
    void bytesAreAvrosSingleObjectEncodingBothWays() throws Exception {
        BinaryMessageEncoder<AcceptedObservation> avroEncoder = new BinaryMessageEncoder<>(SpecificData.getForClass(AcceptedObservation.class),
                AcceptedObservation.getClassSchema());
        BinaryMessageDecoder<AcceptedObservation> avroDecoder = new BinaryMessageDecoder<>(SpecificData.getForClass(AcceptedObservation.class),
                AcceptedObservation.getClassSchema());
        for (AcceptedObservation original : List.of(observation("-12345678901234567890.123456789012", "ghi chú"), observation(null, null))) {
            byte[] ours = SERDE.serializer().serialize("t", original);
            ByteBuffer theirs = avroEncoder.encode(original);
            byte[] avroBytes = new byte[theirs.remaining()];
            theirs.get(avroBytes);

            assertThat(ours).isEqualTo(avroBytes);
            assertThat(SERDE.deserializer().deserialize("t", avroBytes)).isEqualTo(original);
            assertThat(avroDecoder.decode(ours)).isEqualTo(original);
        }
    }

    @Test
    void bytesOfAnotherKindAreRefused() {
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", new byte[] {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7}))
                .isInstanceOf(BadHeaderException.class);
        byte[] unknownSchema = SERDE.serializer().serialize("t", observation("1", null));
        unknownSchema[5] ^= 0x55;
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", unknownSchema)).hasMessageContaining("unknown schema");
    }

    @Test
    void aRecordThatCannotBeWrittenLeavesNothingBehindForTheNext() {
        AcceptedObservation broken = observation("1", null);
        broken.setUnit(null);
        assertThatThrownBy(() -> SERDE.serializer().serialize("t", broken)).isInstanceOf(RuntimeException.class);

        AcceptedObservation next = observation("2", "sau");
        assertThat(SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", next))).isEqualTo(next);
    }
}
