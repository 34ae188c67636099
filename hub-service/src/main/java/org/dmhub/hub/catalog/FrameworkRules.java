package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Problems.element;
import static org.dmhub.hub.catalog.Problems.field;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.FrameworkFile.Area;
import org.dmhub.hub.catalog.FrameworkFile.Department;
import org.dmhub.hub.catalog.FrameworkFile.Indicator;
import org.dmhub.hub.catalog.FrameworkFile.Province;
import org.dmhub.hub.catalog.FrameworkFile.ValidRange;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.dmhub.validation.Decimals;

/**
 * The rules a framework file must satisfy before it is published. Every rule is checked on the whole file and each
 * violation is reported at its path; a rule that depends on a value already reported as wrong is skipped, so that a
 * mistake is not reported again through its consequences.
 */
final class FrameworkRules {

    private static final String DEPARTMENTS = "departments";
    private static final String AREAS = "areas";
    private static final String INDICATORS = "indicators";

    private final FrameworkFile file;
    private final Problems problems;
    /** Where each code is first defined; a later duplicate is reported and references resolve to the first. */
    private final Map<String, Integer> departmentPositions = new HashMap<>();
    private final Map<String, Integer> areaPositions = new HashMap<>();
    private final Map<String, Integer> indicatorPositions = new HashMap<>();
    private final Set<String> areaLevels = new LinkedHashSet<>();

    private FrameworkRules(FrameworkFile file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    static void check(FrameworkFile file, Problems problems) {
        FrameworkRules rules = new FrameworkRules(file, problems);
        rules.checkProvince();
        rules.checkDepartments();
        rules.checkAreas();
        rules.checkIndicators();
    }

    private void checkProvince() {
        Province province = file.province();
        if (province == null) {
            missing("province", "give the province's code and name, e.g. {code: \"74\", name: \"Bình Dương\"}");
            return;
        }
        if (required("province.code", province.code(), "give the province's area code, e.g. \"74\"")) {
            checkKeyPart("province.code", province.code());
        }
        required("province.name", province.name(), "give the province's name");
    }

    private void checkDepartments() {
        List<Department> departments = file.departments();
        if (departments == null) {
            missing(DEPARTMENTS, "list the departments that own indicators, e.g. - {code: STC, name: \"Sở Tài chính\"}");
            return;
        }
        for (int position = 0; position < departments.size(); position++) {
            Department department = departments.get(position);
            if (department == null) {
                continue;
            }
            String path = element(DEPARTMENTS, position);
            String codePath = field(path, "code");
            if (required(codePath, department.code(), "every department needs a code")) {
                if (!Topics.isValidDepartmentCode(department.code())) {
                    problems.at(codePath, "'" + department.code() + "' cannot be part of a topic name; use letters, digits, "
                            + "'_' and '-' only, and not 'rejected'");
                }
                checkUnique(departmentPositions, department.code(), position, DEPARTMENTS, codePath, "department codes");
            }
            required(field(path, "name"), department.name(), "every department needs a name");
        }
    }

    private void checkAreas() {
        List<Area> areas = file.areas();
        if (areas == null) {
            missing(AREAS, "list the areas as a tree rooted at the province, e.g. - {code: \"74\", name: \"Bình Dương\", "
                    + "level: PROVINCE}");
            return;
        }
        for (int position = 0; position < areas.size(); position++) {
            Area area = areas.get(position);
            if (area == null) {
                continue;
            }
            String path = element(AREAS, position);
            String codePath = field(path, "code");
            if (required(codePath, area.code(), "every area needs a code")) {
                checkKeyPart(codePath, area.code());
                checkUnique(areaPositions, area.code(), position, AREAS, codePath, "area codes");
            }
            required(field(path, "name"), area.name(), "every area needs a name");
            if (required(field(path, "level"), area.level(), "every area needs a level, e.g. PROVINCE, DISTRICT or COMMUNE")) {
                areaLevels.add(area.level());
            }
        }
        checkAreaParents(areas);
        checkAreaCycles(areas);
    }

    /** The areas form one tree whose root is the province. */
    private void checkAreaParents(List<Area> areas) {
        String provinceCode = file.province() == null || !present(file.province().code()) ? null : file.province().code();
        boolean provinceListed = false;
        boolean rootSeen = false;
        for (int position = 0; position < areas.size(); position++) {
            Area area = areas.get(position);
            if (area == null) {
                continue;
            }
            String parentPath = field(element(AREAS, position), "parent");
            boolean isProvince = provinceCode != null && provinceCode.equals(area.code());
            provinceListed |= isProvince;
            if (isProvince) {
                if (present(area.parent())) {
                    problems.at(parentPath, "the province " + provinceCode + " is the root of the tree and cannot have a parent");
                }
            } else if (!present(area.parent())) {
                if (provinceCode != null) {
                    problems.at(parentPath, "missing; only the province " + provinceCode
                            + " has no parent, every other area needs one");
                } else if (rootSeen) {
                    problems.at(parentPath, "missing; only one area, the province, may be without a parent");
                }
                rootSeen = true;
            } else if (area.parent().equals(area.code())) {
                problems.at(parentPath, area.parent() + " is the area itself; an area cannot be its own parent");
            } else if (!areaPositions.containsKey(area.parent())) {
                problems.at(parentPath, area.parent() + " is not a defined area; a parent must be the code of another area");
            }
        }
        if (provinceCode != null && !provinceListed) {
            problems.at(AREAS, "the province " + provinceCode + " is not among the areas; add it without a parent, e.g. - {code: \""
                    + provinceCode + "\", name: \"…\", level: PROVINCE}");
        }
    }

    /** Walks up from every area; a walk that comes back to an area it passed is a cycle, reported once. */
    private void checkAreaCycles(List<Area> areas) {
        Set<String> walked = new HashSet<>();
        for (Area start : areas) {
            if (start == null || !present(start.code())) {
                continue;
            }
            List<String> trail = new ArrayList<>();
            String code = start.code();
            while (code != null && !walked.contains(code) && !trail.contains(code)) {
                trail.add(code);
                code = definedParentOf(areas, code);
            }
            if (code != null && trail.contains(code)) {
                reportAreaCycle(trail.subList(trail.indexOf(code), trail.size()));
            }
            walked.addAll(trail);
        }
    }

    /** The parent when it is another defined area; otherwise the parent was reported by {@link #checkAreaParents}. */
    private String definedParentOf(List<Area> areas, String code) {
        String parent = areas.get(areaPositions.get(code)).parent();
        return present(parent) && !parent.equals(code) && areaPositions.containsKey(parent) ? parent : null;
    }

    private void reportAreaCycle(List<String> cycle) {
        List<String> fromFirstInFile = rotatedToFirstInFile(cycle, areaPositions::get);
        problems.at(field(element(AREAS, areaPositions.get(fromFirstInFile.get(0))), "parent"),
                showCycle(fromFirstInFile) + " is a cycle; every area must lead up to the province");
    }

    private void checkIndicators() {
        List<Indicator> indicators = file.indicators();
        if (indicators == null) {
            missing(INDICATORS, "list the indicators of the framework");
            return;
        }
        // codes first, so that an indicator may refer to one defined further down the file
        for (int position = 0; position < indicators.size(); position++) {
            Indicator indicator = indicators.get(position);
            if (indicator == null) {
                continue;
            }
            String codePath = field(element(INDICATORS, position), "code");
            if (required(codePath, indicator.code(), "every indicator needs a code")) {
                checkKeyPart(codePath, indicator.code());
                checkUnique(indicatorPositions, indicator.code(), position, INDICATORS, codePath, "indicator codes");
            }
        }
        Map<String, Integer> nationalCodePositions = new HashMap<>();
        for (int position = 0; position < indicators.size(); position++) {
            Indicator indicator = indicators.get(position);
            if (indicator != null) {
                checkIndicator(element(INDICATORS, position), indicator);
                checkNationalCode(element(INDICATORS, position), position, indicator.nationalCode(), nationalCodePositions);
            }
        }
        checkReferenceCycles(indicators);
    }

    private void checkIndicator(String path, Indicator indicator) {
        required(field(path, "name"), indicator.name(), "every indicator needs a name");
        required(field(path, "unit"), indicator.unit(), "every indicator needs a unit, e.g. tỷ đồng or %");
        Periodicity periodicity = checkEnum(field(path, "periodicity"), indicator.periodicity(), Periodicity.class);
        Aggregation aggregation = checkEnum(field(path, "aggregation"), indicator.aggregation(), Aggregation.class);
        checkEnum(field(path, "kind"), indicator.kind(), IndicatorKind.class);
        checkOwner(field(path, "owner"), indicator.owner());
        checkReportingLevel(field(path, "reportingLevel"), indicator.reportingLevel(), aggregation);
        checkRatio(path, indicator, aggregation, periodicity);
        checkWeight(field(path, "weight"), indicator, aggregation, periodicity);
        checkValidRange(field(path, "validRange"), indicator.validRange());
        checkStatisticalLink(field(path, "statisticalLink"), indicator);
    }

    private void checkOwner(String path, String owner) {
        String defined = listOrNone(departmentPositions.keySet().stream().sorted(byPosition(departmentPositions)).toList());
        if (required(path, owner, "name the department that owns the indicator: " + defined)
                && !departmentPositions.containsKey(owner)) {
            problems.at(path, owner + " is not a defined department; defined departments are " + defined);
        }
    }

    private void checkReportingLevel(String path, String level, Aggregation aggregation) {
        if (aggregation == Aggregation.RATIO) {
            if (present(level)) {
                problems.at(path, "a RATIO is computed from its numerator and denominator and never reported; "
                        + "remove reportingLevel");
            }
            return;
        }
        if (!present(level)) {
            if (aggregation != null) {
                missing(path, "give the area level observations are reported at: " + listOrNone(areaLevels));
            }
            return;
        }
        if (!areaLevels.contains(level)) {
            problems.at(path, level + " is not the level of any area; levels are " + listOrNone(areaLevels));
        }
    }

    private void checkRatio(String path, Indicator indicator, Aggregation aggregation, Periodicity periodicity) {
        if (aggregation == null) {
            return;
        }
        if (aggregation != Aggregation.RATIO) {
            onlyOnRatio(field(path, "numerator"), present(indicator.numerator()), "a numerator");
            onlyOnRatio(field(path, "denominator"), present(indicator.denominator()), "a denominator");
            onlyOnRatio(field(path, "factor"), indicator.factor() != null, "a factor");
            return;
        }
        Indicator numerator = ratioPart(field(path, "numerator"), "numerator", indicator, indicator.numerator(), periodicity);
        Indicator denominator = ratioPart(field(path, "denominator"), "denominator", indicator, indicator.denominator(),
                periodicity);
        if (numerator != null && denominator != null && present(numerator.reportingLevel())
                && present(denominator.reportingLevel()) && !numerator.reportingLevel().equals(denominator.reportingLevel())) {
            problems.at(field(path, "denominator"), denominator.code() + " is reported at " + denominator.reportingLevel()
                    + " and the numerator " + numerator.code() + " at " + numerator.reportingLevel()
                    + "; numerator and denominator must share one reporting level");
        }
        BigDecimal factor = indicator.factor();
        if (factor != null && checkDecimal(field(path, "factor"), factor) && factor.signum() <= 0) {
            problems.at(field(path, "factor"), show(factor) + " is not allowed; the factor must be greater than 0, "
                    + "e.g. 100 for a percentage");
        }
    }

    private void onlyOnRatio(String path, boolean given, String what) {
        if (given) {
            problems.at(path, "only a RATIO has " + what + "; remove it or set aggregation: RATIO");
        }
    }

    /** The numerator or denominator when it can be used; null after reporting why it cannot. */
    private Indicator ratioPart(String path, String role, Indicator ratio, String code, Periodicity periodicity) {
        if (!required(path, code, "a RATIO needs a " + role + " indicator")) {
            return null;
        }
        Indicator part = referenced(path, ratio, code, "the " + role + " must be an indicator of this framework");
        if (part == null) {
            return null;
        }
        if (enumValue(Aggregation.class, part.aggregation()) == Aggregation.RATIO) {
            problems.at(path, code + " is itself a RATIO; the " + role + " must be a reported indicator, not a RATIO");
            return null;
        }
        Periodicity partPeriodicity = enumValue(Periodicity.class, part.periodicity());
        if (periodicity != null && partPeriodicity != null && partPeriodicity != periodicity) {
            problems.at(path, code + " is " + partPeriodicity + "; the " + role + " must share the ratio's periodicity "
                    + periodicity);
        }
        return part;
    }

    private void checkWeight(String path, Indicator indicator, Aggregation aggregation, Periodicity periodicity) {
        if (aggregation == null) {
            return;
        }
        if (aggregation != Aggregation.WEIGHTED_AVERAGE) {
            if (present(indicator.weight())) {
                problems.at(path, "only a WEIGHTED_AVERAGE has a weight; remove it or set aggregation: WEIGHTED_AVERAGE");
            }
            return;
        }
        if (!required(path, indicator.weight(), "a WEIGHTED_AVERAGE needs a weight indicator, e.g. the population")) {
            return;
        }
        Indicator weight = referenced(path, indicator, indicator.weight(), "the weight must be an indicator of this framework");
        if (weight == null) {
            return;
        }
        if (enumValue(Aggregation.class, weight.aggregation()) == Aggregation.RATIO) {
            problems.at(path, weight.code() + " is a RATIO; the weight must be a reported indicator, not a RATIO");
            return;
        }
        Periodicity weightPeriodicity = enumValue(Periodicity.class, weight.periodicity());
        if (periodicity != null && weightPeriodicity != null && weightPeriodicity != periodicity) {
            problems.at(path, weight.code() + " is " + weightPeriodicity + "; the weight must share the indicator's periodicity "
                    + periodicity);
        }
        if (present(indicator.reportingLevel()) && present(weight.reportingLevel())
                && !weight.reportingLevel().equals(indicator.reportingLevel())) {
            problems.at(path, weight.code() + " is reported at " + weight.reportingLevel()
                    + "; the weight must share the indicator's reporting level " + indicator.reportingLevel());
        }
    }

    private void checkValidRange(String path, ValidRange range) {
        if (range == null) {
            return;
        }
        boolean minUsable = range.min() != null && checkDecimal(field(path, "min"), range.min());
        boolean maxUsable = range.max() != null && checkDecimal(field(path, "max"), range.max());
        if (minUsable && maxUsable && range.min().compareTo(range.max()) > 0) {
            problems.at(path, "min " + show(range.min()) + " is greater than max " + show(range.max())
                    + "; min must not exceed max");
        }
    }

    private void checkStatisticalLink(String path, Indicator indicator) {
        String link = indicator.statisticalLink();
        if (!present(link)) {
            return;
        }
        Indicator linked = referenced(path, indicator, link,
                "a statistical link must name a STATISTICAL indicator of this framework");
        IndicatorKind kind = linked == null ? null : enumValue(IndicatorKind.class, linked.kind());
        if (kind != null && kind != IndicatorKind.STATISTICAL) {
            problems.at(path, link + " is " + kind + "; a statistical link must name a STATISTICAL indicator");
        }
    }

    private void checkNationalCode(String path, int position, String nationalCode, Map<String, Integer> nationalCodePositions) {
        if (!present(nationalCode)) {
            return;
        }
        String codePath = field(path, "nationalCode");
        checkKeyPart(codePath, nationalCode);
        checkUnique(nationalCodePositions, nationalCode, position, INDICATORS, codePath, "national codes");
    }

    /** The indicator a reference names; null after reporting why it names none. */
    private Indicator referenced(String path, Indicator referrer, String code, String whatIsValid) {
        if (code.equals(referrer.code())) {
            problems.at(path, code + " is the indicator itself; an indicator cannot reference itself");
            return null;
        }
        Integer position = indicatorPositions.get(code);
        if (position == null) {
            problems.at(path, code + " is not defined; " + whatIsValid);
            return null;
        }
        return file.indicators().get(position);
    }

    /**
     * An indicator computed from others (a ratio from its parts, a weighted average with its weight) cannot depend on
     * itself through them. Searches depth-first; each reference back into the current search path closes a cycle.
     */
    private void checkReferenceCycles(List<Indicator> indicators) {
        Set<Integer> searched = new HashSet<>();
        for (int start = 0; start < indicators.size(); start++) {
            if (!searched.contains(start)) {
                searchCycles(start, new ArrayList<>(), new ArrayList<>(), searched);
            }
        }
    }

    private void searchCycles(int position, List<Integer> searchPath, List<String> fieldsTaken, Set<Integer> searched) {
        searched.add(position);
        searchPath.add(position);
        for (Map.Entry<String, Integer> reference : computedFrom(position).entrySet()) {
            int target = reference.getValue();
            fieldsTaken.add(reference.getKey());
            int cycleStart = searchPath.indexOf(target);
            if (cycleStart >= 0) {
                reportReferenceCycle(searchPath.subList(cycleStart, searchPath.size()),
                        fieldsTaken.subList(cycleStart, fieldsTaken.size()));
            } else if (!searched.contains(target)) {
                searchCycles(target, searchPath, fieldsTaken, searched);
            }
            fieldsTaken.remove(fieldsTaken.size() - 1);
        }
        searchPath.remove(searchPath.size() - 1);
    }

    /** The usable references an indicator is computed from, by field; those reported as unusable are left out. */
    private Map<String, Integer> computedFrom(int position) {
        Indicator indicator = file.indicators().get(position);
        Map<String, Integer> references = new LinkedHashMap<>();
        if (indicator == null) {
            return references;
        }
        Aggregation aggregation = enumValue(Aggregation.class, indicator.aggregation());
        if (aggregation == Aggregation.RATIO) {
            addUsableReference(references, "numerator", indicator, indicator.numerator());
            addUsableReference(references, "denominator", indicator, indicator.denominator());
        } else if (aggregation == Aggregation.WEIGHTED_AVERAGE) {
            addUsableReference(references, "weight", indicator, indicator.weight());
        }
        return references;
    }

    private void addUsableReference(Map<String, Integer> references, String fieldName, Indicator indicator, String code) {
        Integer target = code == null || code.equals(indicator.code()) ? null : indicatorPositions.get(code);
        if (target != null && enumValue(Aggregation.class, file.indicators().get(target).aggregation()) != Aggregation.RATIO) {
            references.put(fieldName, target);
        }
    }

    private void reportReferenceCycle(List<Integer> cycle, List<String> fieldsTaken) {
        int first = cycle.indexOf(cycle.stream().min(Comparator.naturalOrder()).orElseThrow());
        List<String> codes = IntStream.range(0, cycle.size())
                .mapToObj(step -> file.indicators().get(cycle.get((first + step) % cycle.size())).code())
                .toList();
        problems.at(field(element(INDICATORS, cycle.get(first)), fieldsTaken.get(first)),
                showCycle(codes) + " is a cycle; an indicator cannot depend on itself");
    }

    private <E extends Enum<E>> E checkEnum(String path, String text, Class<E> type) {
        String valid = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (!required(path, text, "valid values are " + valid)) {
            return null;
        }
        E value = enumValue(type, text);
        if (value == null) {
            problems.at(path, text + " is not valid; valid values are " + valid);
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.name().equals(text)).findFirst().orElse(null);
    }

    /** Whether the decimal fits the wire's decimal(38,12) exactly. */
    private boolean checkDecimal(String path, BigDecimal value) {
        if (Decimals.exceedsScale(value)) {
            problems.at(path, show(value) + " has more than " + Decimals.SCALE + " decimal places; use at most "
                    + Decimals.SCALE);
            return false;
        }
        if (Decimals.exceedsPrecision(value)) {
            int integerDigits = Decimals.PRECISION - Decimals.SCALE;
            problems.at(path, show(value) + " has more than " + integerDigits + " digits before the decimal point; use at most "
                    + integerDigits);
            return false;
        }
        return true;
    }

    private void checkKeyPart(String path, String code) {
        if (code.contains(RecordKeys.SEPARATOR)) {
            problems.at(path, "'" + code + "' must not contain '" + RecordKeys.SEPARATOR
                    + "', which separates the parts of record keys");
        }
    }

    private void checkUnique(Map<String, Integer> positions, String code, int position, String list, String path,
            String what) {
        Integer first = positions.putIfAbsent(code, position);
        if (first != null) {
            problems.at(path, code + " is already used by " + element(list, first) + "; " + what + " must be unique");
        }
    }

    /** Whether the value is given; when not, reports it missing unless its path already has an error. */
    private boolean required(String path, String value, String whatIsValid) {
        if (present(value)) {
            return true;
        }
        missing(path, whatIsValid);
        return false;
    }

    private void missing(String path, String whatIsValid) {
        if (!problems.reportedAt(path)) {
            problems.at(path, "missing; " + whatIsValid);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String listOrNone(Collection<String> values) {
        return values.isEmpty() ? "(none defined)" : String.join(", ", values);
    }

    private static Comparator<String> byPosition(Map<String, Integer> positions) {
        return Comparator.comparing(positions::get);
    }

    private static List<String> rotatedToFirstInFile(List<String> cycle, Function<String, Integer> position) {
        String first = cycle.stream().min(Comparator.comparing(position)).orElseThrow();
        int start = cycle.indexOf(first);
        return IntStream.range(0, cycle.size()).mapToObj(step -> cycle.get((start + step) % cycle.size())).toList();
    }

    private static String showCycle(List<String> codes) {
        return String.join(" → ", codes) + " → " + codes.get(0);
    }

    /** Plain digits where that stays short; a value such as 1E+400 keeps its exponent. */
    private static String show(BigDecimal value) {
        return Math.abs(value.scale()) <= 40 ? value.toPlainString() : value.toString();
    }
}
