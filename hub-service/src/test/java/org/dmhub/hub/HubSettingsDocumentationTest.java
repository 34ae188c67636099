package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The defaults of the {@code dmhub.*} settings have one source, the {@code @ConfigurationProperties} records, whose
 * metadata the configuration processor writes at compile time; the operator's documentation only quotes them.
 */
class HubSettingsDocumentationTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Path README = Path.of("README.md");
    private static final Path SECURITY_GUIDE = Path.of("../docs/security.md");

    /** A row of the settings table: {@code | `dmhub.limits.max-key` / `max-value` | 1KB / 64KB | meaning |}. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`dmhub\\.[^|]*) \\| ([^|]*) \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A default quoted in a sentence: {@code `dmhub.reporting.lookback` (3)}. */
    private static final Pattern QUOTED_DEFAULT = Pattern.compile("`(dmhub\\.[a-z.-]+)` \\(([^)]+)\\)");
    private static final Pattern SPOKEN_DURATION = Pattern.compile("(\\d+) ?(ms|s|m|h|d|seconds?|minutes?|hours?|days?)");

    private final Map<String, JsonNode> metadata = readMetadata();

    @Test
    void everySettingOfTheReadmeTableExistsWithTheDefaultOfTheCode() throws IOException {
        Map<String, String> documented = readmeTable();

        assertThat(documented).isNotEmpty();
        documented.forEach((name, documentedDefault) -> {
            assertThat(metadata).as("%s is documented in hub-service/README.md but is no setting of the hub", name).containsKey(name);
            JsonNode codeDefault = metadata.get(name).get("defaultValue");
            if (codeDefault != null) {
                assertThat(documentedDefault).as("the default of %s in hub-service/README.md", name).isEqualTo(text(codeDefault));
            }
        });
    }

    @Test
    void everySettingOutsideTheSecureModeIsInTheReadmeTable() throws IOException {
        Map<String, String> documented = readmeTable();

        // the secure mode's settings are described in docs/security.md, with the secure mode
        assertThat(metadata.keySet().stream().filter(name -> !name.startsWith("dmhub.security.") && !documented.containsKey(name)))
                .as("settings missing from the table of hub-service/README.md").isEmpty();
    }

    @Test
    void theDefaultsQuotedInTheGuidesAreThoseOfTheCode() throws IOException {
        for (Path guide : List.of(README, SECURITY_GUIDE)) {
            Matcher quoted = QUOTED_DEFAULT.matcher(Files.readString(guide, StandardCharsets.UTF_8));
            while (quoted.find()) {
                JsonNode property = metadata.get(quoted.group(1));
                if (property == null || property.get("defaultValue") == null) {
                    continue;
                }
                assertThat(sameValue(property.get("type").asString(), text(property.get("defaultValue")), quoted.group(2)))
                        .as("%s says %s is (%s); its default is %s", guide, quoted.group(1), quoted.group(2),
                                text(property.get("defaultValue")))
                        .isTrue();
            }
        }
    }

    private Map<String, JsonNode> readMetadata() {
        assertThat(METADATA).as("written by spring-boot-configuration-processor when hub-service compiles").isRegularFile();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(METADATA.toFile()).get("properties")) {
            properties.put(property.get("name").asString(), property);
        }
        return properties;
    }

    /** Each documented setting with its default as written (without the backquotes). */
    private static Map<String, String> readmeTable() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            Matcher row = TABLE_ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Matcher code = CODE.matcher(row.group(1));
            while (code.find()) {
                // `dmhub.reporting.deadlines.<PERIODICITY>` is the map dmhub.reporting.deadlines
                String name = code.group(1).replaceFirst("\\.<[^>]+>$", "");
                // `dmhub.limits.max-key` / `max-value`: the names after the first are its siblings
                names.add(names.isEmpty() ? name : names.get(0).substring(0, names.get(0).lastIndexOf('.') + 1) + name);
            }
            String[] defaults = names.size() == 1 ? new String[] {row.group(2)} : row.group(2).split(" / ");
            assertThat(defaults).as("one default per setting in the row %s", line).hasSize(names.size());
            for (int i = 0; i < names.size(); i++) {
                settings.put(names.get(i), defaults[i].replace("`", "").strip());
            }
        }
        return settings;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return String.join(",", items);
        }
        return value.asString();
    }

    /** Whether a default as a sentence says it ("1 minute", "60 s", "a day", "16 MB") is the code's. */
    private static boolean sameValue(String type, String codeDefault, String spoken) {
        String words = spoken.strip().toLowerCase(Locale.ROOT).replaceFirst("^an? ", "1 ");
        if (type.equals(Duration.class.getName())) {
            Matcher duration = SPOKEN_DURATION.matcher(words);
            return duration.matches() && DurationStyle.detectAndParse(duration.group(1) + duration.group(2).substring(0,
                    duration.group(2).startsWith("ms") ? 2 : 1)).equals(DurationStyle.detectAndParse(codeDefault));
        }
        if (type.equals(DataSize.class.getName())) {
            return DataSize.parse(spoken.replace(" ", "")).equals(DataSize.parse(codeDefault));
        }
        return spoken.strip().equals(codeDefault);
    }
}
