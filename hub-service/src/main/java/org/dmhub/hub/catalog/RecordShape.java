package org.dmhub.hub.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits a YAML tree to the records of {@link FrameworkFile}: what does not fit (an unknown field, a list where text is
 * expected, text that is not a number) is reported with its path and left out, so that binding the rest cannot fail
 * and the rules still see everything else. The valid fields are the record components, so they cannot drift apart.
 */
final class RecordShape {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordShape() {
    }

    /**
     * A record that may also be written as text alone, which stands for the mapping giving only the named field (as
     * {@code statisticalLink: TK-05} stands for {@code {indicator: TK-05}}); blank text stands for nothing.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Shorthand {
        String value();
    }

    /** The part of {@code node} that fits {@code type}; a null node where nothing fits. */
    static JsonNode fit(JsonNode node, Type type, String path, Problems problems) {
        if (node.isNull()) {
            return node;
        }
        if (type == String.class) {
            return node.isString() ? node : misfit(node, type, path, problems);
        }
        if (type == BigDecimal.class) {
            return node.isString() ? decimal(node.stringValue(), path, problems) : misfit(node, type, path, problems);
        }
        if (isList(type)) {
            return node.isArray() ? fitList(node, elementType(type), path, problems) : misfit(node, type, path, problems);
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            if (node.isString() && record.isAnnotationPresent(Shorthand.class)) {
                return node.stringValue().isBlank() ? NullNode.getInstance()
                        : fitRecord(NODES.objectNode().set(record.getAnnotation(Shorthand.class).value(), node), record, path,
                                problems);
            }
            return node.isObject() ? fitRecord(node, record, path, problems) : misfit(node, type, path, problems);
        }
        throw new IllegalArgumentException("no YAML shape for " + type);
    }

    private static JsonNode fitList(JsonNode list, Type elementType, String path, Problems problems) {
        ArrayNode fitted = NODES.arrayNode();
        for (int index = 0; index < list.size(); index++) {
            String elementPath = Problems.element(path, index);
            JsonNode element = list.get(index);
            if (element.isNull()) {
                problems.at(elementPath, "empty entry; expected " + expected(elementType));
            }
            // a misfit stays in the list as null so that later entries keep the index they have in the file
            fitted.add(fit(element, elementType, elementPath, problems));
        }
        return fitted;
    }

    private static JsonNode fitRecord(JsonNode mapping, Class<?> record, String path, Problems problems) {
        Map<String, Type> fieldTypes = Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType));
        ObjectNode fitted = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            String fieldPath = Problems.field(path, field.getKey());
            Type fieldType = fieldTypes.get(field.getKey());
            if (fieldType == null) {
                problems.at(fieldPath, "unknown field; valid fields are " + fieldNames(record));
            } else {
                fitted.set(field.getKey(), fit(field.getValue(), fieldType, fieldPath, problems));
            }
        }
        return fitted;
    }

    private static JsonNode decimal(String text, String path, Problems problems) {
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException e) {
            problems.at(path, "'" + text + "' is not a number; write a decimal number such as 100 or 0.25");
            return NullNode.getInstance();
        }
    }

    private static JsonNode misfit(JsonNode node, Type type, String path, Problems problems) {
        problems.at(path, "expected " + expected(type) + "; found " + found(node));
        return NullNode.getInstance();
    }

    private static String expected(Type type) {
        if (type == String.class) {
            return "text";
        }
        if (type == BigDecimal.class) {
            return "a number";
        }
        if (isList(type)) {
            return "a list";
        }
        Shorthand shorthand = ((Class<?>) type).getAnnotation(Shorthand.class);
        if (shorthand != null) {
            return "text (the " + shorthand.value() + ") or a mapping with fields " + fieldNames((Class<?>) type);
        }
        return "a mapping with fields " + fieldNames((Class<?>) type);
    }

    private static String found(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return "'" + node.asString() + "'";
    }

    private static String fieldNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "));
    }

    private static boolean isList(Type type) {
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class;
    }

    private static Type elementType(Type listType) {
        return ((ParameterizedType) listType).getActualTypeArguments()[0];
    }
}
