package org.dmhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    @Test
    void everyReleasedSchemaCanBeReplacedByTheCurrentOne() throws Exception {
        List<Path> released = ReleasedSchemas.files();
        assertThat(released).as("released schema copies").hasSameSizeAs(ReleasedSchemas.CONTRACT_TYPES);
        for (Path file : released) {
            Schema releasedSchema = ReleasedSchemas.parse(file);
            Schema current = (Schema) Class.forName(releasedSchema.getFullName()).getField("SCHEMA$").get(null);
            assertThat(SchemaEvolutionCheck.problems(releasedSchema, current)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void addingAnOptionalFieldWithADefaultIsAllowed() {
        Schema released = IndicatorObservation.getClassSchema();
        Schema changed = edited(released, "{\"name\":\"comment\"",
                "{\"name\":\"sourceVersion\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"comment\"");

        assertThat(SchemaEvolutionCheck.problems(released, changed)).isEmpty();
    }

    @Test
    void addingARequiredFieldIsRefused() {
        Schema released = IndicatorObservation.getClassSchema();
        Schema changed = edited(released, "{\"name\":\"comment\"",
                "{\"name\":\"sourceVersion\",\"type\":\"string\"},{\"name\":\"comment\"");

        assertThat(SchemaEvolutionCheck.problems(released, changed))
                .singleElement().asString().contains("not backward compatible").contains("sourceVersion");
    }

    @Test
    void removingAFieldWithoutDefaultIsRefused() {
        Schema released = IndicatorObservation.getClassSchema();
        Schema changed = Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(), false,
                released.getFields().stream()
                        .filter(field -> !field.name().equals("source"))
                        .map(field -> new Schema.Field(field, field.schema()))
                        .toList());

        assertThat(SchemaEvolutionCheck.problems(released, changed))
                .singleElement().asString().contains("not forward compatible").contains("source");
    }

    @Test
    void changingAFieldTypeIsRefusedBothWays() {
        Schema released = IndicatorObservation.getClassSchema();
        Schema changed = edited(released, "{\"name\":\"revision\",\"type\":\"long\"", "{\"name\":\"revision\",\"type\":\"string\"");

        assertThat(SchemaEvolutionCheck.problems(released, changed)).hasSize(2);
    }

    @Test
    void changingTheScaleOfADecimalIsRefused() {
        Schema released = NationalAggregate.getClassSchema();
        Schema changed = edited(released, "\"scale\":12", "\"scale\":6");

        assertThat(SchemaEvolutionCheck.problems(released, changed))
                .contains("the logical type of NationalAggregate.value<bytes> changed from decimal(38,12) to decimal(38,6)");
    }

    @Test
    void droppingARejectionReasonIsRefused() {
        Schema released = ObservationRejected.getClassSchema();
        Schema changed = edited(released, "\"REVISION_CONFLICT\"", "\"REVISION_CLASH\"");

        assertThat(SchemaEvolutionCheck.problems(released, changed)).isNotEmpty();
    }

    private static Schema edited(Schema schema, String target, String replacement) {
        String json = schema.toString();
        assertThat(json).as("the schema to edit").contains(target);
        return new Schema.Parser().parse(json.replaceFirst(java.util.regex.Pattern.quote(target),
                java.util.regex.Matcher.quoteReplacement(replacement)));
    }
}
