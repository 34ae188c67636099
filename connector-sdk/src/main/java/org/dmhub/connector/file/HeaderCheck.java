package org.dmhub.connector.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A file names its columns once (the CSV header, the JSON keys): unknown or missing columns are one clear error. */
final class HeaderCheck {

    private HeaderCheck() {
    }

    static boolean check(List<String> columns, int row, List<RowError> errors) {
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> duplicated = new ArrayList<>();
        for (String column : columns) {
            if (!ObservationFileFormat.COLUMNS.contains(column)) {
                unknown.add(column.isEmpty() ? "(empty)" : column);
            } else if (!seen.add(column)) {
                duplicated.add(column);
            }
        }
        List<String> missing = ObservationFileFormat.REQUIRED.stream()
                .filter(required -> !seen.contains(required))
                .sorted(java.util.Comparator.comparingInt(ObservationFileFormat.COLUMNS::indexOf))
                .toList();
        if (unknown.isEmpty() && missing.isEmpty() && duplicated.isEmpty()) {
            return true;
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing " + String.join(", ", missing));
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown " + String.join(", ", unknown));
        }
        if (!duplicated.isEmpty()) {
            problems.add("repeated " + String.join(", ", duplicated));
        }
        errors.add(new RowError(row, "header", String.join("; ", problems) + ". Expected the header "
                + ObservationFileFormat.EXPECTED_HEADER + " (indicator, area, period and value are required; names are"
                + " case-sensitive, any order)"));
        return false;
    }
}
