package org.dmhub.hub.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.dmhub.hub.support.InternalSerde;
import org.junit.jupiter.api.Test;

/** A consolidated value kept by a hub from before the reporting time was recorded is still read after an upgrade. */
class ConsolidatedValueUpgradeTest {

    @Test
    void aValueWrittenWithTheFirstSchemaIsReadAndCountsAsReportedOnTime() throws Exception {
        Schema first;
        try (InputStream text = getClass().getResourceAsStream("/internal-schemas/ConsolidatedValue-1.avsc")) {
            first = new Schema.Parser().parse(text);
        }
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        GenericRecord old = new GenericData.Record(first);
        old.put("revision", 3L);
        old.put("value", new BigDecimal("12.5").setScale(12));
        old.put("retracted", false);
        old.put("unit", "tỷ đồng");
        old.put("appliedEventIds", List.of("e1", "e3"));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(model, first).encode(old);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        ConsolidatedValue read = InternalSerde.of(ConsolidatedValue.class, "ConsolidatedValue-1.avsc").deserializer().deserialize("t", bytes);

        assertThat(read.getRevision()).isEqualTo(3L);
        assertThat(read.getValue()).isEqualByComparingTo("12.5");
        assertThat(read.getAppliedEventIds()).containsExactly("e1", "e3");
        assertThat(read.getReportedAt()).isNull();
        assertThat(ConsolidateObservations.receptions(Map.of("25747", read))).containsExactly(Map.entry("25747", 0L));
        assertThatThrownBy(() -> InternalSerde.of(ConsolidatedValue.class).deserializer().deserialize("t", bytes))
                .as("without the earlier schema the record cannot be read").isInstanceOf(RuntimeException.class);
    }
}
