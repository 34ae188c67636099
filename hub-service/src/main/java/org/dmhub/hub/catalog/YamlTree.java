package org.dmhub.hub.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads YAML text into a tree. Every scalar keeps its exact text: a number is converted only where the framework
 * expects one, so that {@code 0.1} never passes through a double and a code such as {@code 0718} keeps its digits.
 * A field given twice is reported rather than silently overwritten.
 */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlTree() {
    }

    /** The document, or empty when the text is not well-formed YAML (the syntax error is reported). */
    static Optional<JsonNode> read(ObjectMapper yamlMapper, String text, Problems problems) {
        try (JsonParser parser = yamlMapper.createParser(text)) {
            if (parser.nextToken() == null) {
                // an empty file is a framework without sections: the rules then name each missing one
                return Optional.of(NODES.objectNode());
            }
            JsonNode document = readValue(parser, "", problems);
            if (parser.nextToken() != null) {
                problems.inText("line " + parser.currentTokenLocation().getLineNr()
                        + ": this is a second YAML document; the framework must be a single document");
            }
            return Optional.of(document);
        } catch (JacksonException e) {
            problems.inText(describeSyntaxError(e));
            return Optional.empty();
        }
    }

    private static JsonNode readValue(JsonParser parser, String path, Problems problems) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readMapping(parser, path, problems);
            case START_ARRAY -> readList(parser, path, problems);
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_EMBEDDED_OBJECT -> {
                problems.at(path, "binary values are not supported; write text or a number");
                yield NullNode.getInstance();
            }
            default -> StringNode.valueOf(parser.getString());
        };
    }

    private static ObjectNode readMapping(JsonParser parser, String path, Problems problems) {
        ObjectNode mapping = NODES.objectNode();
        Map<String, Integer> lineOfField = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            parser.nextToken();
            String fieldPath = Problems.field(path, name);
            JsonNode value = readValue(parser, fieldPath, problems);
            Integer firstLine = lineOfField.putIfAbsent(name, line);
            if (firstLine == null) {
                mapping.set(name, value);
            } else {
                problems.at(fieldPath, "given twice, at lines " + firstLine + " and " + line + "; keep one");
            }
        }
        return mapping;
    }

    private static ArrayNode readList(JsonParser parser, String path, Problems problems) {
        ArrayNode list = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(readValue(parser, Problems.element(path, list.size()), problems));
        }
        return list;
    }

    private static String describeSyntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            String context = yaml.getContext() == null ? ""
                    : " (" + yaml.getContext() + yaml.getContextMark().map(mark -> " that starts at " + position(mark)).orElse("")
                            + ")";
            return position(yaml.getProblemMark().get()) + ": not valid YAML: " + yaml.getProblem() + context;
        }
        TokenStreamLocation location = e.getLocation();
        String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
        return where + "cannot be read: " + e.getOriginalMessage();
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
