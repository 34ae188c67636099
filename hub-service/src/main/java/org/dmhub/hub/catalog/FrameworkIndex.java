package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.present;
import static org.dmhub.hub.catalog.Problems.element;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.dmhub.hub.catalog.FrameworkFile.Area;
import org.dmhub.hub.catalog.FrameworkFile.Indicator;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;

/**
 * What the rules look up in a framework file, gathered in one pass before any rule is checked: where each code is first
 * defined, the levels the areas have, and each indicator's enumerated values, parsed once. It reports nothing: a code
 * used twice or a value that is not valid is reported by the rules of its own field, and a rule that depends on it finds
 * it here as undefined or null and skips it.
 */
final class FrameworkIndex {

    /** The lists' names as paths spell them. */
    static final String DEPARTMENTS = "departments";
    static final String AREAS = "areas";
    static final String INDICATORS = "indicators";

    private final FrameworkFile file;
    private final Codes departmentCodes;
    private final Codes areaCodes;
    private final Set<String> areaLevels;
    /** By position in the file, null at an empty entry. */
    private final List<IndicatorEntry> indicatorsAt;
    private final List<IndicatorEntry> indicators;
    private final Codes indicatorCodes;
    private final Codes nationalCodes;

    private FrameworkIndex(FrameworkFile file) {
        this.file = file;
        departmentCodes = new Codes(file.departments(), FrameworkFile.Department::code);
        areaCodes = new Codes(file.areas(), Area::code);
        areaLevels = Collections.unmodifiableSet(orEmpty(file.areas()).stream()
                .filter(Objects::nonNull)
                .map(Area::level)
                .filter(Checks::present)
                .collect(LinkedHashSet::new, Set::add, Set::addAll));
        List<Indicator> listed = orEmpty(file.indicators());
        indicatorsAt = IntStream.range(0, listed.size())
                .mapToObj(position -> listed.get(position) == null
                        ? null
                        : IndicatorEntry.parse(position, listed.get(position)))
                .toList();
        indicators = indicatorsAt.stream().filter(Objects::nonNull).toList();
        indicatorCodes = new Codes(listed, Indicator::code);
        nationalCodes = new Codes(listed, Indicator::nationalCode);
    }

    static FrameworkIndex of(FrameworkFile file) {
        return new FrameworkIndex(file);
    }

    FrameworkFile file() {
        return file;
    }

    /** The province's code; null when it is not given. */
    String provinceCode() {
        return file.province() == null || !present(file.province().code()) ? null : file.province().code();
    }

    Codes departmentCodes() {
        return departmentCodes;
    }

    Codes areaCodes() {
        return areaCodes;
    }

    /** The area that defines the code; null when no area has it. */
    Area area(String code) {
        Integer position = areaCodes.position(code);
        return position == null ? null : file.areas().get(position);
    }

    /** Every level an area has, in the order the file first gives it. */
    Set<String> areaLevels() {
        return areaLevels;
    }

    /** The indicators in the order of the file, without the empty entries. */
    List<IndicatorEntry> indicators() {
        return indicators;
    }

    Codes indicatorCodes() {
        return indicatorCodes;
    }

    /** The indicator that defines the code; null when no indicator has it. */
    IndicatorEntry indicator(String code) {
        Integer position = indicatorCodes.position(code);
        return position == null ? null : indicatorsAt.get(position);
    }

    Codes nationalCodes() {
        return nationalCodes;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * An indicator with its enumerated values parsed; a value is null when it is missing or is none of its type's
     * constants.
     */
    record IndicatorEntry(int position, Indicator fields, Periodicity periodicity, Aggregation aggregation,
            IndicatorKind kind, OverTime overTime) {

        private static IndicatorEntry parse(int position, Indicator fields) {
            return new IndicatorEntry(position, fields, constant(Periodicity.class, fields.periodicity()),
                    constant(Aggregation.class, fields.aggregation()), constant(IndicatorKind.class, fields.kind()),
                    constant(OverTime.class, fields.overTime()));
        }

        String code() {
            return fields.code();
        }

        String path() {
            return element(INDICATORS, position);
        }

        private static <E extends Enum<E>> E constant(Class<E> type, String text) {
            return Arrays.stream(type.getEnumConstants())
                    .filter(value -> value.name().equals(text))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Where each code of one list is first defined; a later entry with the same code repeats it. */
    static final class Codes {

        private final Map<String, Integer> firstPositions = new LinkedHashMap<>();
        private final Map<Integer, Integer> repeated = new HashMap<>();

        private <T> Codes(List<T> entries, Function<T, String> code) {
            List<T> listed = orEmpty(entries);
            for (int position = 0; position < listed.size(); position++) {
                String value = listed.get(position) == null ? null : code.apply(listed.get(position));
                if (present(value)) {
                    Integer first = firstPositions.putIfAbsent(value, position);
                    if (first != null) {
                        repeated.put(position, first);
                    }
                }
            }
        }

        boolean isDefined(String code) {
            return firstPositions.containsKey(code);
        }

        /** Where the code is first defined; null when no entry has it. */
        Integer position(String code) {
            return firstPositions.get(code);
        }

        /** Where an earlier entry has the code of the entry at this position; null when none does. */
        Integer earlierUse(int position) {
            return repeated.get(position);
        }

        /** The codes in the order the file first defines them. */
        List<String> inFileOrder() {
            return List.copyOf(firstPositions.keySet());
        }
    }
}
