package org.dmhub.schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a schema may replace a released one: consumers on the new schema must read records written with
 * the released one (backward), and consumers still on the released schema must read records written with the new
 * one (forward). National systems upgrade on their own calendar, so both directions matter.
 */
final class SchemaEvolutionCheck {

    private SchemaEvolutionCheck() {
    }

    /** Every reason {@code current} cannot replace {@code released}; empty when it can. */
    static List<String> problems(Schema released, Schema current) {
        List<String> problems = new ArrayList<>();
        SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(released.getFullName() + " is not backward compatible (the new schema cannot read released data): "
                    + describe(backward));
        }
        SchemaPairCompatibility forward = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
        if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(released.getFullName() + " is not forward compatible (released readers cannot read new data): "
                    + describe(forward));
        }
        problems.addAll(logicalTypeChanges(released, current));
        return problems;
    }

    /**
     * Avro's own check compares physical types only: {@code decimal(38,12)} to {@code decimal(38,6)} passes it, yet
     * every value would be read a million times too large. So logical types are compared field by field too.
     */
    private static List<String> logicalTypeChanges(Schema released, Schema current) {
        Map<String, String> before = logicalTypes(released);
        Map<String, String> after = logicalTypes(current);
        List<String> changes = new ArrayList<>();
        before.forEach((path, type) -> {
            String now = after.get(path);
            if (now != null && !now.equals(type)) {
                changes.add("the logical type of " + path + " changed from " + type + " to " + now);
            }
        });
        return changes;
    }

    private static Map<String, String> logicalTypes(Schema schema) {
        Map<String, String> types = new TreeMap<>();
        collect(schema, schema.getName(), types, new HashSet<>());
        return types;
    }

    private static void collect(Schema schema, String path, Map<String, String> types, Set<String> recordsOnPath) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!recordsOnPath.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    collect(field.schema(), path + "." + field.name(), types, new HashSet<>(recordsOnPath));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, path + "<" + branch.getName() + ">", types, recordsOnPath));
            case ARRAY -> collect(schema.getElementType(), path + "[]", types, recordsOnPath);
            case MAP -> collect(schema.getValueType(), path + "{}", types, recordsOnPath);
            default -> types.put(path, describe(schema.getLogicalType()));
        }
    }

    private static String describe(LogicalType logicalType) {
        if (logicalType == null) {
            return "no logical type";
        }
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return logicalType.getName();
    }

    private static String describe(SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(incompatibility -> incompatibility.getType() + " at " + incompatibility.getLocation()
                        + " (" + incompatibility.getMessage() + ")")
                .collect(Collectors.joining("; "));
    }
}
