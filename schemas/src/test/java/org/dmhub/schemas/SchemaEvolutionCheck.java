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
        problems.addAll(droppedEnumSymbols(released, current));
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

    /**
     * An enum with a default reads any symbol it does not know as its default, so Avro finds a dropped or renamed
     * symbol compatible; yet every released record holding it would lose its meaning. Symbols may only be added.
     */
    private static List<String> droppedEnumSymbols(Schema released, Schema current) {
        Map<String, Schema> currentEnums = new TreeMap<>();
        enums(current, currentEnums);
        Map<String, Schema> releasedEnums = new TreeMap<>();
        enums(released, releasedEnums);
        List<String> problems = new ArrayList<>();
        releasedEnums.forEach((name, enumSchema) -> {
            Schema now = currentEnums.get(name);
            if (enumSchema.getType() == Schema.Type.ENUM && now != null && now.getType() == Schema.Type.ENUM) {
                List<String> dropped = enumSchema.getEnumSymbols().stream().filter(symbol -> !now.hasEnumSymbol(symbol)).toList();
                if (!dropped.isEmpty()) {
                    problems.add(name + " dropped the symbols " + dropped + "; symbols may only be added");
                }
            }
        });
        return problems;
    }

    /** Every named enum and record in the schema, by full name. */
    private static void enums(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case ENUM -> found.put(schema.getFullName(), schema);
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> enums(field.schema(), found));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> enums(branch, found));
            case ARRAY -> enums(schema.getElementType(), found);
            case MAP -> enums(schema.getValueType(), found);
            default -> {
            }
        }
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
