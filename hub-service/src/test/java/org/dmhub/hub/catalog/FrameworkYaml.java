package org.dmhub.hub.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small framework files for tests: a valid base into which each test puts the entries it is about. */
final class FrameworkYaml {

    static final String PROVINCE = """
            province: {code: "74", name: "Bình Dương"}
            """;

    static final String DEPARTMENTS = """
            departments:
              - {code: STC, name: "Sở Tài chính"}
              - {code: VPUBND, name: "Văn phòng Ủy ban nhân dân tỉnh"}
              - {code: CTK, name: "Cục Thống kê"}
            """;

    static final String AREAS = """
            areas:
              - {code: "74", name: "Bình Dương", level: PROVINCE}
              - {code: "718", name: "Thủ Dầu Một", level: DISTRICT, parent: "74"}
              - {code: "25747", name: "Phú Cường", level: COMMUNE, parent: "718"}
            """;

    private FrameworkYaml() {
    }

    static String withIndicators(String... indicators) {
        return PROVINCE + DEPARTMENTS + AREAS + list("indicators", indicators);
    }

    static String withAreas(String... areas) {
        return PROVINCE + DEPARTMENTS + list("areas", areas) + list("indicators", sum("NS-01", "reportingLevel: PROVINCE"));
    }

    static String withDepartments(String... departments) {
        return PROVINCE + list("departments", departments) + AREAS + list("indicators", sum("NS-01"));
    }

    static String list(String name, String... entries) {
        return name + ":\n" + Arrays.stream(entries).map(entry -> "  - " + entry + "\n").collect(Collectors.joining());
    }

    /**
     * A valid monthly SUM indicator of STC reported at COMMUNE, as a YAML flow mapping, with the given changes:
     * {@code "field: value"} sets a field, {@code "-field"} removes it.
     */
    static String sum(String code, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "\"Chỉ tiêu " + code + "\"");
        fields.put("unit", "\"tỷ đồng\"");
        fields.put("periodicity", "MONTHLY");
        fields.put("aggregation", "SUM");
        fields.put("reportingLevel", "COMMUNE");
        fields.put("owner", "STC");
        fields.put("kind", "OPERATIONAL");
        return flowMapping(fields, changes);
    }

    /** A valid monthly RATIO of STC, as a YAML flow mapping, with the given changes (as for {@link #sum}). */
    static String ratio(String code, String numerator, String denominator, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "\"Tỷ lệ " + code + "\"");
        fields.put("unit", "\"%\"");
        fields.put("periodicity", "MONTHLY");
        fields.put("aggregation", "RATIO");
        fields.put("numerator", numerator);
        fields.put("denominator", denominator);
        fields.put("owner", "STC");
        fields.put("kind", "OPERATIONAL");
        return flowMapping(fields, changes);
    }

    private static String flowMapping(Map<String, String> fields, String... changes) {
        for (String change : changes) {
            if (change.startsWith("-")) {
                fields.remove(change.substring(1));
            } else {
                int colon = change.indexOf(':');
                fields.put(change.substring(0, colon).trim(), change.substring(colon + 1).trim());
            }
        }
        return fields.entrySet().stream()
                .map(field -> field.getKey() + ": " + field.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
