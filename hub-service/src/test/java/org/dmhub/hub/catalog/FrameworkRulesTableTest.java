package org.dmhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dmhub.hub.catalog.FrameworkYaml.AREAS;
import static org.dmhub.hub.catalog.FrameworkYaml.DEPARTMENTS;
import static org.dmhub.hub.catalog.FrameworkYaml.PROVINCE;
import static org.dmhub.hub.catalog.FrameworkYaml.list;
import static org.dmhub.hub.catalog.FrameworkYaml.ratio;
import static org.dmhub.hub.catalog.FrameworkYaml.sum;
import static org.dmhub.hub.catalog.FrameworkYaml.withAreas;
import static org.dmhub.hub.catalog.FrameworkYaml.withDepartments;
import static org.dmhub.hub.catalog.FrameworkYaml.withIndicators;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One mistake put into a valid framework file, and the one problem it must cause: each row names the path and the exact
 * message. That nothing else is reported is part of every row, so the rows where a broken value would otherwise come
 * back through a rule that depends on it show that such a rule is skipped.
 */
class FrameworkRulesTableTest {

    private static final String PROVINCE_AREA = "{code: \"74\", name: Bình Dương, level: PROVINCE}";
    private static final String DISTRICT_AREA = "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}";
    private static final String FINANCE = "{code: STC, name: \"Sở Tài chính\"}";
    private static final String POPULATION = sum("DS-01", "periodicity: YEARLY", "owner: CTK", "kind: STATISTICAL");
    private static final String LINK_TARGET = "a statistical link must name a STATISTICAL indicator of this framework";
    private static final String TOLERANCE_FORMS = "write a percentage such as 5% or 2.5%, or a decimal fraction such as 0.05";
    private static final String PERIODICITIES = "DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY";
    private static final String AGGREGATIONS = "SUM, AVERAGE, MIN, MAX, WEIGHTED_AVERAGE, RATIO, NONE";

    private final FrameworkParser parser = new FrameworkParser();

    @Test
    void theFilesTheRowsChangeAreValid() throws FrameworkException {
        parser.parse(withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"), POPULATION,
                coverage()));
        parser.parse(withAreas(PROVINCE_AREA, DISTRICT_AREA));
        parser.parse(withDepartments(FINANCE));
        parser.parse(withIndicators(linkedTo("{indicator: TK-01, tolerance: 5%, factor: 0.001}"), statistical()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void province(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> province() {
        String rest = DEPARTMENTS + AREAS + list("indicators", sum("NS-01"));
        return Stream.of(
                row("a missing province is reported once, not at each of its fields", rest,
                        "province", "missing; give the province's code and name, e.g. {code: \"74\", name: \"Bình Dương\"}"),
                row("a province of the wrong shape is not reported missing as well", "province: [\"74\"]\n" + rest,
                        "province", "expected a mapping with fields code, name; found a list"),
                row("a province without a code leaves its area the one root of the tree",
                        "province: {name: \"Bình Dương\"}\n" + rest,
                        "province.code", "missing; give the province's area code, e.g. \"74\""),
                row("a province without a name", "province: {code: \"74\"}\n" + rest,
                        "province.name", "missing; give the province's name"),
                row("a blank name counts as missing", "province: {code: \"74\", name: \" \"}\n" + rest,
                        "province.name", "missing; give the province's name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void departments(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> departments() {
        String topicNameRule = " cannot be part of a topic name; use letters, digits, '_' and '-' only, and not 'rejected'";
        return Stream.of(
                row("a department code used twice is reported at its second use",
                        withDepartments(FINANCE, "{code: STC, name: \"Sở Tư pháp\"}"),
                        "departments[1].code", "STC is already used by departments[0]; department codes must be unique"),
                row("a department code with a space", withDepartments(FINANCE, "{code: \"S TP\", name: \"Sở Tư pháp\"}"),
                        "departments[1].code", "'S TP'" + topicNameRule),
                row("the department code 'rejected'", withDepartments(FINANCE, "{code: rejected, name: \"Bị từ chối\"}"),
                        "departments[1].code", "'rejected'" + topicNameRule),
                row("a department without a code", withDepartments(FINANCE, "{name: \"Sở Tư pháp\"}"),
                        "departments[1].code", "missing; every department needs a code"),
                row("a department without a name", withDepartments(FINANCE, "{code: STP}"),
                        "departments[1].name", "missing; every department needs a name"),
                row("a department name of the wrong shape is not reported missing as well",
                        withDepartments(FINANCE, "{code: STP, name: [Sở, Tư pháp]}"),
                        "departments[1].name", "expected text; found a list"),
                row("an indicator owned by a department with a wrong code is not reported for it",
                        PROVINCE + list("departments", FINANCE, "{code: \"S TP\", name: \"Sở Tư pháp\"}") + AREAS
                                + list("indicators", sum("TP-01", "owner: \"S TP\"")),
                        "departments[1].code", "'S TP'" + topicNameRule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void areas(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> areas() {
        return Stream.of(
                row("an area without a code", withAreas(PROVINCE_AREA, "{name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}"),
                        "areas[1].code", "missing; every area needs a code"),
                row("an area without a name", withAreas(PROVINCE_AREA, "{code: \"718\", level: DISTRICT, parent: \"74\"}"),
                        "areas[1].name", "missing; every area needs a name"),
                row("an area without a level", withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, parent: \"74\"}"),
                        "areas[1].level", "missing; every area needs a level, e.g. PROVINCE, DISTRICT or COMMUNE"),
                row("an area level of the wrong shape is not reported missing as well",
                        withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: [DISTRICT], parent: \"74\"}"),
                        "areas[1].level", "expected text; found a list"),
                row("an area code used twice is reported at its second use",
                        withAreas(PROVINCE_AREA, DISTRICT_AREA, "{code: \"718\", name: Dĩ An, level: DISTRICT, parent: \"74\"}"),
                        "areas[2].code", "718 is already used by areas[1]; area codes must be unique"),
                row("an area under a code used twice hangs under its first use",
                        withAreas(PROVINCE_AREA, DISTRICT_AREA, "{code: \"718\", name: Dĩ An, level: DISTRICT, parent: \"74\"}",
                                "{code: \"25747\", name: Phú Cường, level: COMMUNE, parent: \"718\"}"),
                        "areas[2].code", "718 is already used by areas[1]; area codes must be unique"),
                row("an area code with the key separator",
                        withAreas(PROVINCE_AREA, "{code: \"718|1\", name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}"),
                        "areas[1].code", "'718|1' must not contain '|', which separates the parts of record keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void areaTree(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> areaTree() {
        return Stream.of(
                row("a parent that is not an area",
                        withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"999\"}"),
                        "areas[1].parent", "999 is not a defined area; a parent must be the code of another area"),
                row("the areas under an undefined parent are not reported again",
                        withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"999\"}",
                                "{code: \"25747\", name: Phú Cường, level: COMMUNE, parent: \"718\"}"),
                        "areas[1].parent", "999 is not a defined area; a parent must be the code of another area"),
                row("a second area without a parent",
                        withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT}"),
                        "areas[1].parent", "missing; only the province 74 has no parent, every other area needs one"),
                row("an area that is its own parent is not reported as a cycle as well",
                        withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"718\"}"),
                        "areas[1].parent", "718 is the area itself; an area cannot be its own parent"),
                row("the province with a parent",
                        withAreas("{code: \"74\", name: Bình Dương, level: PROVINCE, parent: \"999\"}", DISTRICT_AREA),
                        "areas[0].parent", "the province 74 is the root of the tree and cannot have a parent"),
                row("a cycle is reported once, at its first area in the file",
                        withAreas(PROVINCE_AREA,
                                "{code: \"25747\", name: Phú Cường, level: COMMUNE, parent: \"25750\"}",
                                "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"25747\"}",
                                "{code: \"25750\", name: Phú Hòa, level: COMMUNE, parent: \"718\"}"),
                        "areas[1].parent", "25747 → 25750 → 718 → 25747 is a cycle; every area must lead up to the province"),
                row("the areas hanging under a cycle are not reported with it",
                        withAreas(PROVINCE_AREA,
                                "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"721\"}",
                                "{code: \"721\", name: Bến Cát, level: DISTRICT, parent: \"718\"}",
                                "{code: \"25747\", name: Phú Cường, level: COMMUNE, parent: \"718\"}"),
                        "areas[1].parent", "718 → 721 → 718 is a cycle; every area must lead up to the province"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void indicatorFields(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> indicatorFields() {
        return Stream.of(
                row("an indicator without a code", withIndicators(sum("NS-01", "-code")),
                        "indicators[0].code", "missing; every indicator needs a code"),
                row("an indicator code used twice is reported at its second use", withIndicators(sum("NS-01"), sum("NS-01")),
                        "indicators[1].code", "NS-01 is already used by indicators[0]; indicator codes must be unique"),
                row("an indicator code with the key separator", withIndicators(sum("NS|01")),
                        "indicators[0].code", "'NS|01' must not contain '|', which separates the parts of record keys"),
                row("an indicator without a name", withIndicators(sum("NS-01", "-name")),
                        "indicators[0].name", "missing; every indicator needs a name"),
                row("an indicator without a unit", withIndicators(sum("NS-01", "-unit")),
                        "indicators[0].unit", "missing; every indicator needs a unit, e.g. tỷ đồng or %"),
                row("a periodicity that is not one of the values", withIndicators(sum("NS-01", "periodicity: WEEKLY")),
                        "indicators[0].periodicity", "WEEKLY is not valid; valid values are " + PERIODICITIES),
                row("a periodicity of the wrong shape is not reported missing as well",
                        withIndicators(sum("NS-01", "periodicity: [MONTHLY]")),
                        "indicators[0].periodicity", "expected text; found a list"),
                row("an aggregation that is not one of the values skips the rules of every aggregation",
                        withIndicators(sum("HC-01"), sum("HC-03", "aggregation: RATIOS", "numerator: HC-01", "weight: HC-01",
                                "-reportingLevel")),
                        "indicators[1].aggregation", "RATIOS is not valid; valid values are " + AGGREGATIONS),
                row("a missing aggregation does not ask for a reporting level",
                        withIndicators(sum("NS-01", "-aggregation", "-reportingLevel")),
                        "indicators[0].aggregation", "missing; valid values are " + AGGREGATIONS),
                row("a kind that is not one of the values", withIndicators(sum("NS-01", "kind: operational")),
                        "indicators[0].kind", "operational is not valid; valid values are OPERATIONAL, STATISTICAL"),
                row("an indicator without a kind", withIndicators(sum("NS-01", "-kind")),
                        "indicators[0].kind", "missing; valid values are OPERATIONAL, STATISTICAL"),
                row("a valid range whose min is above its max", withIndicators(sum("NS-01", "validRange: {min: 100.5, max: 0}")),
                        "indicators[0].validRange", "min 100.5 is greater than max 0; min must not exceed max"),
                row("a bound with too many decimal places is not compared with the other",
                        withIndicators(sum("NS-01", "validRange: {min: 0.0000000000001, max: 0}")),
                        "indicators[0].validRange.min", "0.0000000000001 has more than 12 decimal places; use at most 12"),
                row("a bound with too many integer digits is not compared with the other",
                        withIndicators(sum("NS-01", "validRange: {min: 1e26, max: 0}")),
                        "indicators[0].validRange.min",
                        "100000000000000000000000000 has more than 26 digits before the decimal point; use at most 26"),
                row("a bound that is not a number is not compared with the other",
                        withIndicators(sum("NS-01", "validRange: {min: abc, max: 0}")),
                        "indicators[0].validRange.min", "'abc' is not a number; write a decimal number such as 100 or 0.25"),
                row("a national code used twice is reported at its second use",
                        withIndicators(sum("NS-01", "nationalCode: QG-01"), sum("HC-01", "nationalCode: QG-01")),
                        "indicators[1].nationalCode", "QG-01 is already used by indicators[0]; national codes must be unique"),
                row("a national code with the key separator", withIndicators(sum("NS-01", "nationalCode: QG|NS")),
                        "indicators[0].nationalCode", "'QG|NS' must not contain '|', which separates the parts of record keys"),
                row("a rule over time that is none of them", withIndicators(sum("NS-01", "overTime: CUMULATIVE")),
                        "indicators[0].overTime", "CUMULATIVE is not valid; valid values are SUM, LAST, AVERAGE, MIN, MAX, NONE "
                                + "(or leave it out: SUM for a SUM indicator, its own aggregation otherwise)"),
                row("a ratio takes no rule over time: it is recomputed from its components",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-01", "HC-02", "overTime: AVERAGE")),
                        "indicators[2].overTime", "a RATIO indicator is recomputed over a quarter or a year from its components' "
                                + "sums, never from its own values: leave overTime out"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void indicatorReferences(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> indicatorReferences() {
        return Stream.of(
                row("an owner that is not a department", withIndicators(sum("NS-01", "owner: SXD")),
                        "indicators[0].owner", "SXD is not a defined department; defined departments are STC, VPUBND, CTK"),
                row("an indicator without an owner", withIndicators(sum("NS-01", "-owner")),
                        "indicators[0].owner", "missing; name the department that owns the indicator: STC, VPUBND, CTK"),
                row("a reported indicator without a reporting level", withIndicators(sum("NS-01", "-reportingLevel")),
                        "indicators[0].reportingLevel",
                        "missing; give the area level observations are reported at: PROVINCE, DISTRICT, COMMUNE"),
                row("a reporting level that no area has", withIndicators(sum("NS-01", "reportingLevel: WARD")),
                        "indicators[0].reportingLevel",
                        "WARD is not the level of any area; levels are PROVINCE, DISTRICT, COMMUNE"),
                row("a ratio with a reporting level",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "reportingLevel: COMMUNE")),
                        "indicators[2].reportingLevel",
                        "a RATIO is computed from its numerator and denominator and never reported; remove reportingLevel"),
                row("a statistical link to an undefined indicator", withIndicators(sum("NS-01", "statisticalLink: TK-05")),
                        "indicators[0].statisticalLink",
                        "TK-05 is not defined; a statistical link must name a STATISTICAL indicator of this framework"),
                row("a statistical link to an operational indicator",
                        withIndicators(sum("NS-01", "statisticalLink: HC-01"), sum("HC-01")),
                        "indicators[0].statisticalLink",
                        "HC-01 is OPERATIONAL; a statistical link must name a STATISTICAL indicator"),
                row("a statistical link to the indicator itself",
                        withIndicators(sum("TK-01", "kind: STATISTICAL", "statisticalLink: TK-01")),
                        "indicators[0].statisticalLink", "TK-01 is the indicator itself; an indicator cannot reference itself"),
                row("a statistical link to an indicator whose kind is wrong is not reported for it",
                        withIndicators(sum("NS-01", "statisticalLink: TK-01"), sum("TK-01", "kind: statistical")),
                        "indicators[1].kind", "statistical is not valid; valid values are OPERATIONAL, STATISTICAL"),
                row("a reference to a code used twice resolves to its first use",
                        withIndicators(sum("HC-01"), sum("HC-02"), sum("HC-01", "periodicity: QUARTERLY"),
                                ratio("HC-03", "HC-02", "HC-01")),
                        "indicators[2].code", "HC-01 is already used by indicators[0]; indicator codes must be unique"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void statisticalLinks(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> statisticalLinks() {
        String finer = "; a statistical link must name an indicator reported as often as the operating one or less often ";
        return Stream.of(
                row("a statistical indicator reported more often than the operating one",
                        withIndicators(linkedTo("TK-01", "periodicity: QUARTERLY"), statistical()),
                        "indicators[0].statisticalLink",
                        "TK-01 is MONTHLY, finer than NS-01's QUARTERLY" + finer + "(QUARTERLY, HALF_YEARLY or YEARLY)"),
                row("a yearly operating indicator links only a yearly statistical one",
                        withIndicators(linkedTo("{indicator: TK-01}", "periodicity: YEARLY"), statistical("periodicity: HALF_YEARLY")),
                        "indicators[0].statisticalLink", "TK-01 is HALF_YEARLY, finer than NS-01's YEARLY" + finer + "(YEARLY)"),
                row("an operating indicator not rolled up over time has no value of a coarser statistical one's periods",
                        withIndicators(linkedTo("TK-01", "overTime: NONE"), statistical("periodicity: QUARTERLY")),
                        "indicators[0].statisticalLink", "TK-01 is QUARTERLY, and NS-01 (MONTHLY) is not rolled up over time, so"
                                + " it has no QUARTERLY value to compare; give NS-01 an overTime of SUM, LAST, AVERAGE, MIN or MAX,"
                                + " or link a MONTHLY indicator"),
                row("a mapping without its indicator", withIndicators(linkedTo("{tolerance: 5%}"), statistical()),
                        "indicators[0].statisticalLink.indicator", "missing; " + LINK_TARGET),
                row("a mapping's indicator of the wrong shape is not reported missing as well",
                        withIndicators(linkedTo("{indicator: [TK-01]}"), statistical()),
                        "indicators[0].statisticalLink.indicator", "expected text; found a list"),
                row("a mapping naming an undefined indicator is reported at the link, as the text form is",
                        withIndicators(linkedTo("{indicator: TK-05, tolerance: 5%}"), statistical()),
                        "indicators[0].statisticalLink", "TK-05 is not defined; " + LINK_TARGET),
                row("a mapping naming an operational indicator", withIndicators(linkedTo("{indicator: HC-01}"), sum("HC-01")),
                        "indicators[0].statisticalLink",
                        "HC-01 is OPERATIONAL; a statistical link must name a STATISTICAL indicator"),
                row("a mapping naming the indicator itself",
                        withIndicators(sum("TK-01", "kind: STATISTICAL", "statisticalLink: {indicator: TK-01}")),
                        "indicators[0].statisticalLink", "TK-01 is the indicator itself; an indicator cannot reference itself"),
                row("a number is read as the code it would be", withIndicators(linkedTo("12"), statistical()),
                        "indicators[0].statisticalLink", "12 is not defined; " + LINK_TARGET),
                row("a link of the wrong shape", withIndicators(linkedTo("[TK-01]"), statistical()),
                        "indicators[0].statisticalLink",
                        "expected text (the indicator) or a mapping with fields indicator, tolerance, factor; found a list"),
                row("a mapping with an unknown field",
                        withIndicators(linkedTo("{indicator: TK-01, tolerence: 5%}"), statistical()),
                        "indicators[0].statisticalLink.tolerence", "unknown field; valid fields are indicator, tolerance, factor"),
                row("a tolerance that is not a number", withIndicators(linkedTo("{indicator: TK-01, tolerance: five}"), statistical()),
                        "indicators[0].statisticalLink.tolerance", "'five' is not a tolerance; " + TOLERANCE_FORMS),
                row("a tolerance of the wrong shape", withIndicators(linkedTo("{indicator: TK-01, tolerance: [5%]}"), statistical()),
                        "indicators[0].statisticalLink.tolerance", "expected text; found a list"),
                row("a negative percentage", withIndicators(linkedTo("{indicator: TK-01, tolerance: -5%}"), statistical()),
                        "indicators[0].statisticalLink.tolerance",
                        "-5% is not allowed; the tolerance must be 0 or more, e.g. 5% or 0.05"),
                row("a negative fraction", withIndicators(linkedTo("{indicator: TK-01, tolerance: -0.05}"), statistical()),
                        "indicators[0].statisticalLink.tolerance",
                        "-0.05 is not allowed; the tolerance must be 0 or more, e.g. 5% or 0.05"),
                row("a percentage above 100%", withIndicators(linkedTo("{indicator: TK-01, tolerance: 150%}"), statistical()),
                        "indicators[0].statisticalLink.tolerance",
                        "150% is not allowed; a tolerance written as a percentage must be at most 100%"),
                row("a percentage with more decimal places than the stored fraction takes",
                        withIndicators(linkedTo("{indicator: TK-01, tolerance: 0.00000000001%}"), statistical()),
                        "indicators[0].statisticalLink.tolerance",
                        "0.00000000001% has more than 10 decimal places; use at most 10 in a percentage"),
                row("a fraction with too many decimal places is not checked for its sign",
                        withIndicators(linkedTo("{indicator: TK-01, tolerance: -0.0000000000001}"), statistical()),
                        "indicators[0].statisticalLink.tolerance",
                        "-0.0000000000001 has more than 12 decimal places; use at most 12"),
                row("a factor of 0", withIndicators(linkedTo("{indicator: TK-01, factor: 0}"), statistical()),
                        "indicators[0].statisticalLink.factor", "0 is not allowed; the factor must be greater than 0, "
                                + "e.g. 0.001 when the operating indicator is in triệu đồng and the statistical one in tỷ đồng"),
                row("a negative factor", withIndicators(linkedTo("{indicator: TK-01, factor: -1000}"), statistical()),
                        "indicators[0].statisticalLink.factor", "-1000 is not allowed; the factor must be greater than 0, "
                                + "e.g. 0.001 when the operating indicator is in triệu đồng and the statistical one in tỷ đồng"),
                row("a factor with too many integer digits is not checked for its sign",
                        withIndicators(linkedTo("{indicator: TK-01, factor: -1e26}"), statistical()),
                        "indicators[0].statisticalLink.factor",
                        "-100000000000000000000000000 has more than 26 digits before the decimal point; use at most 26"),
                row("a factor that is not a number", withIndicators(linkedTo("{indicator: TK-01, factor: abc}"), statistical()),
                        "indicators[0].statisticalLink.factor", "'abc' is not a number; write a decimal number such as 100 or 0.25"),
                row("an undefined indicator is not compared by periodicity",
                        withIndicators(linkedTo("TK-05", "periodicity: YEARLY"), statistical()),
                        "indicators[0].statisticalLink", "TK-05 is not defined; " + LINK_TARGET),
                row("an operational indicator is reported for its kind, not also for its periodicity",
                        withIndicators(linkedTo("HC-01", "periodicity: QUARTERLY"), sum("HC-01")),
                        "indicators[0].statisticalLink",
                        "HC-01 is OPERATIONAL; a statistical link must name a STATISTICAL indicator"),
                row("an indicator whose kind is wrong is not compared by periodicity",
                        withIndicators(linkedTo("TK-01", "periodicity: QUARTERLY"), statistical("kind: statistical")),
                        "indicators[1].kind", "statistical is not valid; valid values are OPERATIONAL, STATISTICAL"),
                row("a statistical indicator whose periodicity is wrong is not compared with the operating one's",
                        withIndicators(linkedTo("TK-01", "periodicity: QUARTERLY"), statistical("periodicity: WEEKLY")),
                        "indicators[1].periodicity", "WEEKLY is not valid; valid values are " + PERIODICITIES),
                row("an operating indicator whose periodicity is wrong is not compared with the statistical one's",
                        withIndicators(linkedTo("TK-01", "periodicity: YEAR"), statistical()),
                        "indicators[0].periodicity", "YEAR is not valid; valid values are " + PERIODICITIES));
    }

    /** The operating indicator NS-01 with the given statisticalLink, text or mapping, and changes (as for {@code sum}). */
    private static String linkedTo(String link, String... changes) {
        return sum("NS-01", Stream.concat(Stream.of("statisticalLink: " + link), Stream.of(changes)).toArray(String[]::new));
    }

    /** The monthly STATISTICAL indicator TK-01 of CTK, with the given changes (as for {@code sum}). */
    private static String statistical(String... changes) {
        return sum("TK-01", Stream.concat(Stream.of("owner: CTK", "kind: STATISTICAL"), Stream.of(changes)).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ratios(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> ratios() {
        return Stream.of(
                row("an undefined numerator", withIndicators(sum("HC-01"), ratio("HC-03", "HC-99", "HC-01")),
                        "indicators[1].numerator", "HC-99 is not defined; the numerator must be an indicator of this framework"),
                row("an undefined numerator is not compared with the denominator's reporting level",
                        withIndicators(sum("HC-01", "reportingLevel: DISTRICT"), ratio("HC-03", "HC-99", "HC-01")),
                        "indicators[1].numerator", "HC-99 is not defined; the numerator must be an indicator of this framework"),
                row("a ratio without a numerator", withIndicators(sum("HC-01"), ratio("HC-03", "HC-01", "HC-01", "-numerator")),
                        "indicators[1].numerator", "missing; a RATIO needs a numerator indicator"),
                row("a ratio without a denominator",
                        withIndicators(sum("HC-01"), ratio("HC-03", "HC-01", "HC-01", "-denominator")),
                        "indicators[1].denominator", "missing; a RATIO needs a denominator indicator"),
                row("a numerator that is itself a ratio",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"),
                                ratio("HC-04", "HC-03", "HC-01")),
                        "indicators[3].numerator",
                        "HC-03 is itself a RATIO; the numerator must be a reported indicator, not a RATIO"),
                row("a denominator of another periodicity",
                        withIndicators(sum("HC-01", "periodicity: QUARTERLY"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01")),
                        "indicators[2].denominator",
                        "HC-01 is QUARTERLY; the denominator must share the ratio's periodicity MONTHLY"),
                row("a numerator and denominator reported at different levels",
                        withIndicators(sum("HC-01", "reportingLevel: DISTRICT"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01")),
                        "indicators[2].denominator", "HC-01 is reported at DISTRICT and the numerator HC-02 at COMMUNE; "
                                + "numerator and denominator must share one reporting level"),
                row("a ratio of itself is not reported as a cycle as well",
                        withIndicators(sum("HC-01"), ratio("HC-03", "HC-03", "HC-01")),
                        "indicators[1].numerator", "HC-03 is the indicator itself; an indicator cannot reference itself"),
                row("a numerator whose periodicity is wrong is not compared with the ratio's",
                        withIndicators(sum("HC-01"), sum("HC-02", "periodicity: WEEKLY"), ratio("HC-03", "HC-02", "HC-01")),
                        "indicators[1].periodicity", "WEEKLY is not valid; valid values are " + PERIODICITIES),
                row("a ratio whose periodicity is wrong is not compared with its parts'",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "periodicity: WEEKLY")),
                        "indicators[2].periodicity", "WEEKLY is not valid; valid values are " + PERIODICITIES),
                row("a numerator whose aggregation is wrong is not taken for a ratio",
                        withIndicators(sum("HC-01"), sum("HC-02", "aggregation: TOTAL"), ratio("HC-03", "HC-02", "HC-01")),
                        "indicators[1].aggregation", "TOTAL is not valid; valid values are " + AGGREGATIONS),
                row("a numerator on an indicator that is not a ratio",
                        withIndicators(sum("HC-01"), sum("HC-02", "aggregation: AVERAGE", "numerator: HC-01")),
                        "indicators[1].numerator", "only a RATIO has a numerator; remove it or set aggregation: RATIO"),
                row("a factor on an indicator that is not a ratio", withIndicators(sum("NS-01", "factor: 100")),
                        "indicators[0].factor", "only a RATIO has a factor; remove it or set aggregation: RATIO"),
                row("a factor of 0",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "factor: 0")),
                        "indicators[2].factor", "0 is not allowed; the factor must be greater than 0, e.g. 100 for a percentage"),
                row("a negative factor",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "factor: -100")),
                        "indicators[2].factor",
                        "-100 is not allowed; the factor must be greater than 0, e.g. 100 for a percentage"),
                row("a factor with too many decimal places is not checked for its sign",
                        withIndicators(sum("HC-01"), sum("HC-02"),
                                ratio("HC-03", "HC-02", "HC-01", "factor: -0.1234567890123")),
                        "indicators[2].factor", "-0.1234567890123 has more than 12 decimal places; use at most 12"),
                row("a factor that is not a number is not checked further",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "factor: abc")),
                        "indicators[2].factor", "'abc' is not a number; write a decimal number such as 100 or 0.25"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void weightedAverages(String description, String file, String path, String message) {
        assertThat(errorsOf(file)).containsExactly(path + ": " + message);
    }

    static Stream<Arguments> weightedAverages() {
        return Stream.of(
                row("a weighted average without a weight", withIndicators(POPULATION, coverage("-weight")),
                        "indicators[1].weight", "missing; a WEIGHTED_AVERAGE needs a weight indicator, e.g. the population"),
                row("an undefined weight", withIndicators(POPULATION, coverage("weight: DS-99")),
                        "indicators[1].weight", "DS-99 is not defined; the weight must be an indicator of this framework"),
                row("a weight that is a ratio",
                        withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"),
                                sum("HC-09", "aggregation: WEIGHTED_AVERAGE", "weight: HC-03")),
                        "indicators[3].weight", "HC-03 is a RATIO; the weight must be a reported indicator, not a RATIO"),
                row("a weight of another periodicity", withIndicators(POPULATION, coverage("periodicity: QUARTERLY")),
                        "indicators[1].weight", "DS-01 is YEARLY; the weight must share the indicator's periodicity QUARTERLY"),
                row("a weight reported at another level", withIndicators(POPULATION, coverage("reportingLevel: DISTRICT")),
                        "indicators[1].weight",
                        "DS-01 is reported at COMMUNE; the weight must share the indicator's reporting level DISTRICT"),
                row("a weight on an indicator that is not a weighted average",
                        withIndicators(POPULATION, coverage("aggregation: AVERAGE")),
                        "indicators[1].weight",
                        "only a WEIGHTED_AVERAGE has a weight; remove it or set aggregation: WEIGHTED_AVERAGE"),
                row("a weight whose periodicity is wrong is not compared with the average's",
                        withIndicators(sum("DS-01", "periodicity: YEAR", "owner: CTK", "kind: STATISTICAL"), coverage()),
                        "indicators[0].periodicity", "YEAR is not valid; valid values are " + PERIODICITIES),
                row("a weighted average weighted by itself is not reported as a cycle as well",
                        withIndicators(coverage("weight: YT-09")),
                        "indicators[0].weight", "YT-09 is the indicator itself; an indicator cannot reference itself"),
                row("weighted averages weighting each other are reported once as a cycle",
                        withIndicators(weightedBy("YT-08", "YT-09"), weightedBy("YT-09", "YT-10"), weightedBy("YT-10", "YT-08")),
                        "indicators[0].weight",
                        "YT-08 → YT-09 → YT-10 → YT-08 is a cycle; an indicator cannot depend on itself"),
                row("a cycle entered from outside is reported at its own first indicator",
                        withIndicators(weightedBy("YT-07", "YT-08"), weightedBy("YT-08", "YT-09"), weightedBy("YT-09", "YT-08")),
                        "indicators[1].weight", "YT-08 → YT-09 → YT-08 is a cycle; an indicator cannot depend on itself"),
                row("a weight whose aggregation is wrong closes no cycle",
                        withIndicators(weightedBy("YT-08", "YT-09"), sum("YT-09", "aggregation: WEIGHTED", "weight: YT-08")),
                        "indicators[1].aggregation", "WEIGHTED is not valid; valid values are " + AGGREGATIONS));
    }

    /** A weighted average, weighted by the population, that is valid with {@link #POPULATION} before it. */
    private static String coverage(String... changes) {
        return sum("YT-09", Stream.concat(Stream.of("periodicity: YEARLY", "aggregation: WEIGHTED_AVERAGE", "weight: DS-01"),
                Stream.of(changes)).toArray(String[]::new));
    }

    private static String weightedBy(String code, String weight) {
        return sum(code, "aggregation: WEIGHTED_AVERAGE", "weight: " + weight);
    }

    private static Arguments row(String description, String file, String path, String message) {
        return Arguments.of(description, file, path, message);
    }

    private List<String> errorsOf(String yaml) {
        FrameworkException refusal = catchThrowableOfType(FrameworkException.class, () -> parser.parse(yaml));
        assertThat(refusal).as("the file should be refused").isNotNull();
        return refusal.errors();
    }
}
