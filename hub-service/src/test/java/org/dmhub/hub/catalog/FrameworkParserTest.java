package org.dmhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameworkParserTest {

    private static final String INDICATOR_FIELDS = "code, name, nameEn, unit, periodicity, aggregation, reportingLevel, owner, "
            + "kind, statisticalLink, nationalCode, validRange, numerator, denominator, factor, weight, overTime";

    private final FrameworkParser parser = new FrameworkParser();

    private List<String> errorsOf(String yaml) {
        FrameworkException refusal = catchThrowableOfType(FrameworkException.class, () -> parser.parse(yaml));
        assertThat(refusal).as("the file should be refused").isNotNull();
        return refusal.errors();
    }

    @Nested
    class ReadingTheFile {

        @Test
        void yamlSyntaxErrorIsReportedWithLineAndColumn() {
            String yaml = PROVINCE + DEPARTMENTS + "areas:\n  - {code: \"74\", name: Bình Dương, level: PROVINCE\n";

            assertThat(errorsOf(yaml)).containsExactly(
                    "line 8, column 1: not valid YAML: expected ',' or '}', but got <stream end> "
                            + "(while parsing a flow mapping that starts at line 7, column 5)");
        }

        @Test
        void tabIndentationIsReportedWithItsLine() {
            assertThat(errorsOf("province:\n\tcode: \"74\"\n")).containsExactly(
                    "line 2, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token. "
                            + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)");
        }

        @Test
        void unknownFieldIsReportedWithItsPathAndTheValidFields() {
            String yaml = withIndicators(sum("NS-01"), sum("HC-01"), sum("HC-02", "-periodicity", "periodicty: MONTHLY"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].periodicty: unknown field; valid fields are " + INDICATOR_FIELDS,
                    "indicators[2].periodicity: missing; valid values are DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY");
        }

        @Test
        void unknownTopLevelSectionIsReportedWithTheValidSections() {
            String yaml = withIndicators(sum("NS-01")) + "indicator:\n  - {code: X}\n";

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicator: unknown field; valid fields are province, departments, areas, indicators");
        }

        @Test
        void fieldGivenTwiceIsReportedWithBothLines() {
            String yaml = PROVINCE + DEPARTMENTS + AREAS + """
                    indicators:
                      - code: NS-01
                        name: "Thu ngân sách"
                        unit: "tỷ đồng"
                        periodicity: MONTHLY
                        aggregation: SUM
                        reportingLevel: COMMUNE
                        owner: STC
                        kind: OPERATIONAL
                        unit: "triệu đồng"
                    """;

            assertThat(errorsOf(yaml)).containsExactly("indicators[0].unit: given twice, at lines 13 and 19; keep one");
        }

        @Test
        void valueOfTheWrongShapeIsReportedWithWhatIsExpected() {
            String yaml = "province: [\"74\"]\n" + DEPARTMENTS + AREAS + list("indicators", sum("NS-01", "name: [a, b]"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "province: expected a mapping with fields code, name; found a list",
                    "indicators[0].name: expected text; found a list");
        }

        @Test
        void fileThatIsNotAMappingIsReported() {
            assertThat(errorsOf("- province\n- areas\n")).containsExactly(
                    "(file): expected a mapping with fields province, departments, areas, indicators; found a list");
        }

        @Test
        void textWhereANumberIsExpectedIsReported() {
            String yaml = withIndicators(sum("NS-01", "validRange: {min: .inf, max: \"1_000\"}"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[0].validRange.min: '.inf' is not a number; write a decimal number such as 100 or 0.25",
                    "indicators[0].validRange.max: '1_000' is not a number; write a decimal number such as 100 or 0.25");
        }

        @Test
        void emptyEntryInAListIsReportedAndLaterEntriesKeepTheirIndex() {
            String yaml = PROVINCE + DEPARTMENTS + AREAS + "indicators:\n  -\n  - " + sum("NS-01", "owner: SXX") + "\n";

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[0]: empty entry; expected a mapping with fields " + INDICATOR_FIELDS,
                    "indicators[1].owner: SXX is not a defined department; defined departments are STC, VPUBND, CTK");
        }

        @Test
        void emptyFileReportsEverySection() {
            assertThat(errorsOf("# nothing yet\n")).containsExactly(
                    "province: missing; give the province's code and name, e.g. {code: \"74\", name: \"Bình Dương\"}",
                    "departments: missing; list the departments that own indicators, e.g. - {code: STC, name: \"Sở Tài chính\"}",
                    "areas: missing; list the areas as a tree rooted at the province, e.g. - {code: \"74\", name: \"Bình Dương\", "
                            + "level: PROVINCE}",
                    "indicators: missing; list the indicators of the framework");
        }

        @Test
        void secondYamlDocumentIsReported() {
            String yaml = withIndicators(sum("NS-01")) + "---\nprovince: {code: \"75\", name: \"Đồng Nai\"}\n";

            assertThat(errorsOf(yaml)).containsExactly(
                    "line 13: this is a second YAML document; the framework must be a single document");
        }

        @Test
        void bytesThatAreNotUtf8AreReported() {
            byte[] latin1 = withIndicators(sum("NS-01")).getBytes(StandardCharsets.ISO_8859_1);

            FrameworkException refusal = catchThrowableOfType(FrameworkException.class, () -> parser.parse(latin1));

            assertThat(refusal.errors()).containsExactly("the file is not UTF-8 text; save it with the UTF-8 encoding");
        }

        @Test
        void unquotedNumericCodesKeepTheirExactDigits() throws FrameworkException {
            String yaml = "province: {code: 74, name: Bình Dương}\n" + DEPARTMENTS + """
                    areas:
                      - {code: 74, name: Bình Dương, level: PROVINCE}
                      - {code: 0718, name: Thủ Dầu Một, level: DISTRICT, parent: 74}
                    """ + list("indicators", sum("NS-01", "reportingLevel: DISTRICT"));

            Framework framework = parser.parse(yaml);

            assertThat(framework.province().code()).isEqualTo("74");
            assertThat(framework.areas()).extracting(AdminArea::getCode).containsExactly("74", "0718");
        }
    }

    @Nested
    class Province {

        @Test
        void missingProvinceIsReported() {
            String yaml = DEPARTMENTS + AREAS + list("indicators", sum("NS-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "province: missing; give the province's code and name, e.g. {code: \"74\", name: \"Bình Dương\"}");
        }

        @Test
        void provinceCodeWithTheKeySeparatorIsReported() {
            String yaml = "province: {code: \"74|1\", name: Bình Dương}\n" + DEPARTMENTS + """
                    areas:
                      - {code: "74|1", name: Bình Dương, level: PROVINCE}
                    """ + list("indicators", sum("NS-01", "reportingLevel: PROVINCE"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "province.code: '74|1' must not contain '|', which separates the parts of record keys",
                    "areas[0].code: '74|1' must not contain '|', which separates the parts of record keys");
        }

        @Test
        void provinceWithoutCodeOrNameIsReportedForEach() {
            String yaml = "province: {code: \"\"}\n" + DEPARTMENTS + AREAS + list("indicators", sum("NS-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "province.code: missing; give the province's area code, e.g. \"74\"",
                    "province.name: missing; give the province's name");
        }
    }

    @Nested
    class Departments {

        @Test
        void duplicateDepartmentCodeIsReportedWithTheFirstUse() {
            String yaml = withDepartments("{code: STC, name: \"Sở Tài chính\"}", "{code: STC, name: \"Sở Tư pháp\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "departments[1].code: STC is already used by departments[0]; department codes must be unique");
        }

        @Test
        void departmentCodeThatCannotNameATopicIsReported() {
            String yaml = withDepartments("{code: STC, name: \"Sở Tài chính\"}", "{code: \"S TP\", name: \"Sở Tư pháp\"}",
                    "{code: rejected, name: \"Bị từ chối\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "departments[1].code: 'S TP' cannot be part of a topic name; use letters, digits, '_' and '-' only, "
                            + "and not 'rejected'",
                    "departments[2].code: 'rejected' cannot be part of a topic name; use letters, digits, '_' and '-' only, "
                            + "and not 'rejected'");
        }

        @Test
        void departmentWithoutCodeOrNameIsReported() {
            String yaml = withDepartments("{code: STC, name: \"Sở Tài chính\"}", "{name: \"Sở Tư pháp\"}", "{code: STP}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "departments[1].code: missing; every department needs a code",
                    "departments[2].name: missing; every department needs a name");
        }
    }

    @Nested
    class Areas {

        private static final String PROVINCE_AREA = "{code: \"74\", name: Bình Dương, level: PROVINCE}";

        @Test
        void areaWithoutCodeNameOrLevelIsReportedForEach() {
            String yaml = withAreas(PROVINCE_AREA, "{parent: \"74\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].code: missing; every area needs a code",
                    "areas[1].name: missing; every area needs a name",
                    "areas[1].level: missing; every area needs a level, e.g. PROVINCE, DISTRICT or COMMUNE");
        }

        @Test
        void duplicateAreaCodeIsReportedWithTheFirstUse() {
            String yaml = withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}",
                    "{code: \"718\", name: Dĩ An, level: DISTRICT, parent: \"74\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[2].code: 718 is already used by areas[1]; area codes must be unique");
        }

        @Test
        void areaCodeWithTheKeySeparatorIsReported() {
            String yaml = withAreas(PROVINCE_AREA, "{code: \"718|1\", name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].code: '718|1' must not contain '|', which separates the parts of record keys");
        }

        @Test
        void areaWithUndefinedParentIsReported() {
            String yaml = withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"999\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].parent: 999 is not a defined area; a parent must be the code of another area");
        }

        @Test
        void secondAreaWithoutParentIsReportedAsOnlyTheProvinceIsTheRoot() {
            String yaml = withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].parent: missing; only the province 74 has no parent, every other area needs one");
        }

        @Test
        void treeRootedElsewhereThanTheProvinceIsReported() {
            String yaml = withAreas("{code: \"75\", name: Đồng Nai, level: PROVINCE}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[0].parent: missing; only the province 74 has no parent, every other area needs one",
                    "areas: the province 74 is not among the areas; add it without a parent, e.g. - {code: \"74\", "
                            + "name: \"…\", level: PROVINCE}");
        }

        @Test
        void provinceAreaWithAParentIsReported() {
            String yaml = withAreas("{code: \"74\", name: Bình Dương, level: PROVINCE, parent: \"718\"}",
                    "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"74\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[0].parent: the province 74 is the root of the tree and cannot have a parent",
                    "areas[0].parent: 74 → 718 → 74 is a cycle; every area must lead up to the province");
        }

        @Test
        void areaThatIsItsOwnParentIsReported() {
            String yaml = withAreas(PROVINCE_AREA, "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"718\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].parent: 718 is the area itself; an area cannot be its own parent");
        }

        @Test
        void cycleOfAreasIsReportedOnceAtItsFirstArea() {
            String yaml = withAreas(PROVINCE_AREA,
                    "{code: \"25747\", name: Phú Cường, level: COMMUNE, parent: \"25750\"}",
                    "{code: \"718\", name: Thủ Dầu Một, level: DISTRICT, parent: \"25747\"}",
                    "{code: \"25750\", name: Phú Hòa, level: COMMUNE, parent: \"718\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "areas[1].parent: 25747 → 25750 → 718 → 25747 is a cycle; every area must lead up to the province");
        }
    }

    @Nested
    class Indicators {

        @Test
        void indicatorWithoutItsRequiredFieldsIsReportedForEach() {
            String yaml = withIndicators("{nameEn: \"State budget revenue\"}");

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[0].code: missing; every indicator needs a code",
                    "indicators[0].name: missing; every indicator needs a name",
                    "indicators[0].unit: missing; every indicator needs a unit, e.g. tỷ đồng or %",
                    "indicators[0].periodicity: missing; valid values are DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY",
                    "indicators[0].aggregation: missing; valid values are SUM, AVERAGE, MIN, MAX, WEIGHTED_AVERAGE, RATIO, NONE",
                    "indicators[0].kind: missing; valid values are OPERATIONAL, STATISTICAL",
                    "indicators[0].owner: missing; name the department that owns the indicator: STC, VPUBND, CTK");
        }

        @Test
        void theRuleOverTimeIsPublishedWithTheIndicatorAndLeftOutWhenNotGiven() throws FrameworkException {
            Framework framework = parser.parse(withIndicators(sum("DS-01", "overTime: LAST"), sum("NS-01")));

            assertThat(framework.indicators()).extracting(IndicatorDefinition::getCode, IndicatorDefinition::getOverTime)
                    .containsExactly(tuple("DS-01", OverTime.LAST), tuple("NS-01", null));
        }

        @Test
        void duplicateIndicatorCodeIsReportedWithTheFirstUse() {
            String yaml = withIndicators(sum("NS-01"), sum("HC-01"), sum("NS-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].code: NS-01 is already used by indicators[0]; indicator codes must be unique");
        }

        @Test
        void indicatorCodeWithTheKeySeparatorIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS|01")))).containsExactly(
                    "indicators[0].code: 'NS|01' must not contain '|', which separates the parts of record keys");
        }

        @Test
        void unknownPeriodicityIsReportedWithTheValidValues() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "periodicity: WEEKLY")))).containsExactly(
                    "indicators[0].periodicity: WEEKLY is not valid; valid values are DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, "
                            + "YEARLY");
        }

        @Test
        void unknownAggregationIsReportedWithTheValidValues() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "aggregation: TOTAL")))).containsExactly(
                    "indicators[0].aggregation: TOTAL is not valid; valid values are SUM, AVERAGE, MIN, MAX, WEIGHTED_AVERAGE, "
                            + "RATIO, NONE");
        }

        @Test
        void unknownKindIsReportedWithTheValidValues() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "kind: operational")))).containsExactly(
                    "indicators[0].kind: operational is not valid; valid values are OPERATIONAL, STATISTICAL");
        }

        @Test
        void ownerThatIsNotADepartmentIsReportedWithTheDefinedOnes() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "owner: SXD")))).containsExactly(
                    "indicators[0].owner: SXD is not a defined department; defined departments are STC, VPUBND, CTK");
        }

        @Test
        void reportedIndicatorWithoutReportingLevelIsReportedWithTheLevels() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "-reportingLevel")))).containsExactly(
                    "indicators[0].reportingLevel: missing; give the area level observations are reported at: "
                            + "PROVINCE, DISTRICT, COMMUNE");
        }

        @Test
        void reportingLevelThatNoAreaHasIsReportedWithTheLevels() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "reportingLevel: WARD")))).containsExactly(
                    "indicators[0].reportingLevel: WARD is not the level of any area; levels are PROVINCE, DISTRICT, COMMUNE");
        }

        @Test
        void duplicateNationalCodeIsReportedWithTheFirstUse() {
            String yaml = withIndicators(sum("NS-01", "nationalCode: QG-01"), sum("HC-01", "nationalCode: QG-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[1].nationalCode: QG-01 is already used by indicators[0]; national codes must be unique");
        }

        @Test
        void nationalCodeWithTheKeySeparatorIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "nationalCode: QG|NS")))).containsExactly(
                    "indicators[0].nationalCode: 'QG|NS' must not contain '|', which separates the parts of record keys");
        }

        @Test
        void validRangeWithMinAboveMaxIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "validRange: {min: 100.5, max: 0}")))).containsExactly(
                    "indicators[0].validRange: min 100.5 is greater than max 0; min must not exceed max");
        }

        @Test
        void decimalWithMoreThanTwelveDecimalPlacesIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "validRange: {min: 0.0000000000001}")))).containsExactly(
                    "indicators[0].validRange.min: 0.0000000000001 has more than 12 decimal places; use at most 12");
        }

        @Test
        void decimalWithMoreThanTwentySixIntegerDigitsIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "validRange: {max: 1e26}")))).containsExactly(
                    "indicators[0].validRange.max: 100000000000000000000000000 has more than 26 digits before the decimal "
                            + "point; use at most 26");
        }

        @Test
        void statisticalLinkToAnUndefinedIndicatorIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "statisticalLink: TK-05")))).containsExactly(
                    "indicators[0].statisticalLink: TK-05 is not defined; a statistical link must name a STATISTICAL indicator "
                            + "of this framework");
        }

        @Test
        void statisticalLinkToAnOperationalIndicatorIsReported() {
            String yaml = withIndicators(sum("NS-01", "statisticalLink: HC-01"), sum("HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[0].statisticalLink: HC-01 is OPERATIONAL; a statistical link must name a STATISTICAL indicator");
        }

        @Test
        void statisticalLinkToItselfIsReported() {
            assertThat(errorsOf(withIndicators(sum("TK-01", "kind: STATISTICAL", "statisticalLink: TK-01")))).containsExactly(
                    "indicators[0].statisticalLink: TK-01 is the indicator itself; an indicator cannot reference itself");
        }

        @Test
        void statisticalLinkWrittenAsAMappingCarriesItsToleranceAsAFractionAndItsFactor() throws FrameworkException {
            String yaml = PROVINCE + DEPARTMENTS + AREAS + list("indicators",
                    sum("TK-05", "periodicity: YEARLY", "owner: CTK", "kind: STATISTICAL")) + """
                      - code: NS-01
                        name: "Thu ngân sách"
                        unit: "triệu đồng"
                        periodicity: MONTHLY
                        aggregation: SUM
                        reportingLevel: COMMUNE
                        owner: STC
                        kind: OPERATIONAL
                        statisticalLink: {indicator: TK-05, tolerance: 5%, factor: 0.001}
                      - {code: NS-02, name: "Chi ngân sách", unit: "tỷ đồng", periodicity: QUARTERLY, aggregation: SUM,
                         reportingLevel: COMMUNE, owner: STC, kind: OPERATIONAL,
                         statisticalLink: {indicator: TK-05, tolerance: 0.025}}
                    """;

            Framework framework = parser.parse(yaml);

            assertThat(framework.indicator("NS-01").orElseThrow()).satisfies(revenue -> {
                assertThat(revenue.getStatisticalLink()).isEqualTo("TK-05");
                assertThat(revenue.getStatisticalTolerance()).isEqualTo(new BigDecimal("0.050000000000"));
                assertThat(revenue.getStatisticalFactor()).isEqualTo(new BigDecimal("0.001000000000"));
            });
            assertThat(framework.indicator("NS-02").orElseThrow()).satisfies(spending -> {
                assertThat(spending.getStatisticalLink()).isEqualTo("TK-05");
                assertThat(spending.getStatisticalTolerance()).isEqualTo(new BigDecimal("0.025000000000"));
                assertThat(spending.getStatisticalFactor()).as("null: the units are the same").isNull();
            });
        }

        @Test
        void statisticalLinkWrittenAsTextLeavesToleranceAndFactorToTheDefaults() throws FrameworkException {
            Framework framework = parser.parse(withIndicators(sum("NS-01", "statisticalLink: TK-05"),
                    sum("TK-05", "owner: CTK", "kind: STATISTICAL")));

            assertThat(framework.indicator("NS-01").orElseThrow()).satisfies(revenue -> {
                assertThat(revenue.getStatisticalLink()).isEqualTo("TK-05");
                assertThat(revenue.getStatisticalTolerance()).isNull();
                assertThat(revenue.getStatisticalFactor()).isNull();
            });
            assertThat(framework.indicator("TK-05").orElseThrow().getStatisticalLink()).isNull();
        }
    }

    @Nested
    class Ratios {

        @Test
        void ratioWithUndefinedNumeratorIsReportedWithItsPath() {
            String yaml = withIndicators(sum("NS-01"), sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-99", "HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[3].numerator: HC-99 is not defined; the numerator must be an indicator of this framework");
        }

        @Test
        void ratioWithoutNumeratorOrDenominatorIsReportedForEach() {
            assertThat(errorsOf(withIndicators(ratio("HC-03", "", "")))).containsExactly(
                    "indicators[0].numerator: missing; a RATIO needs a numerator indicator",
                    "indicators[0].denominator: missing; a RATIO needs a denominator indicator");
        }

        @Test
        void ratioWithAReportingLevelIsReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "reportingLevel: COMMUNE"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].reportingLevel: a RATIO is computed from its numerator and denominator and never reported; "
                            + "remove reportingLevel");
        }

        @Test
        void ratioOfARatioIsReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"),
                    ratio("HC-04", "HC-03", "HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[3].numerator: HC-03 is itself a RATIO; the numerator must be a reported indicator, not a RATIO");
        }

        @Test
        void ratioPartWithAnotherPeriodicityIsReported() {
            String yaml = withIndicators(sum("HC-01", "periodicity: QUARTERLY"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].denominator: HC-01 is QUARTERLY; the denominator must share the ratio's periodicity MONTHLY");
        }

        @Test
        void ratioPartsReportedAtDifferentLevelsAreReported() {
            String yaml = withIndicators(sum("HC-01", "reportingLevel: DISTRICT"), sum("HC-02"),
                    ratio("HC-03", "HC-02", "HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].denominator: HC-01 is reported at DISTRICT and the numerator HC-02 at COMMUNE; numerator and "
                            + "denominator must share one reporting level");
        }

        @Test
        void ratioReferencingItselfIsReported() {
            String yaml = withIndicators(sum("HC-01"), ratio("HC-03", "HC-03", "HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[1].numerator: HC-03 is the indicator itself; an indicator cannot reference itself");
        }

        @Test
        void factorOnAnIndicatorThatIsNotARatioIsReported() {
            assertThat(errorsOf(withIndicators(sum("NS-01", "factor: 100")))).containsExactly(
                    "indicators[0].factor: only a RATIO has a factor; remove it or set aggregation: RATIO");
        }

        @Test
        void numeratorAndDenominatorOnAnIndicatorThatIsNotARatioAreReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"), sum("HC-03", "numerator: HC-02", "denominator: HC-01"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].numerator: only a RATIO has a numerator; remove it or set aggregation: RATIO",
                    "indicators[2].denominator: only a RATIO has a denominator; remove it or set aggregation: RATIO");
        }

        @Test
        void factorThatIsNotPositiveIsReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01", "factor: 0"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].factor: 0 is not allowed; the factor must be greater than 0, e.g. 100 for a percentage");
        }

        @Test
        void factorWithMoreThanTwelveDecimalPlacesIsReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"),
                    ratio("HC-03", "HC-02", "HC-01", "factor: 0.1234567890123"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[2].factor: 0.1234567890123 has more than 12 decimal places; use at most 12");
        }
    }

    @Nested
    class WeightedAverages {

        private static final String POPULATION = sum("DS-01", "periodicity: YEARLY", "owner: CTK", "kind: STATISTICAL");

        private static String coverage(String... changes) {
            String[] all = new String[changes.length + 3];
            all[0] = "periodicity: YEARLY";
            all[1] = "aggregation: WEIGHTED_AVERAGE";
            all[2] = "weight: DS-01";
            System.arraycopy(changes, 0, all, 3, changes.length);
            return sum("YT-09", all);
        }

        @Test
        void weightedAverageWithoutWeightIsReported() {
            assertThat(errorsOf(withIndicators(POPULATION, coverage("-weight")))).containsExactly(
                    "indicators[1].weight: missing; a WEIGHTED_AVERAGE needs a weight indicator, e.g. the population");
        }

        @Test
        void weightedAverageWithUndefinedWeightIsReported() {
            assertThat(errorsOf(withIndicators(POPULATION, coverage("weight: DS-99")))).containsExactly(
                    "indicators[1].weight: DS-99 is not defined; the weight must be an indicator of this framework");
        }

        @Test
        void weightThatIsARatioIsReported() {
            String yaml = withIndicators(sum("HC-01"), sum("HC-02"), ratio("HC-03", "HC-02", "HC-01"),
                    sum("HC-09", "aggregation: WEIGHTED_AVERAGE", "weight: HC-03"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[3].weight: HC-03 is a RATIO; the weight must be a reported indicator, not a RATIO");
        }

        @Test
        void weightWithAnotherPeriodicityIsReported() {
            assertThat(errorsOf(withIndicators(POPULATION, coverage("periodicity: QUARTERLY")))).containsExactly(
                    "indicators[1].weight: DS-01 is YEARLY; the weight must share the indicator's periodicity QUARTERLY");
        }

        @Test
        void weightReportedAtAnotherLevelIsReported() {
            assertThat(errorsOf(withIndicators(POPULATION, coverage("reportingLevel: DISTRICT")))).containsExactly(
                    "indicators[1].weight: DS-01 is reported at COMMUNE; the weight must share the indicator's reporting level "
                            + "DISTRICT");
        }

        @Test
        void weightOnAnIndicatorThatIsNotAWeightedAverageIsReported() {
            assertThat(errorsOf(withIndicators(POPULATION, coverage("aggregation: AVERAGE")))).containsExactly(
                    "indicators[1].weight: only a WEIGHTED_AVERAGE has a weight; remove it or set aggregation: WEIGHTED_AVERAGE");
        }

        @Test
        void weightedAverageWeightedByItselfIsReported() {
            assertThat(errorsOf(withIndicators(coverage("weight: YT-09")))).containsExactly(
                    "indicators[0].weight: YT-09 is the indicator itself; an indicator cannot reference itself");
        }

        @Test
        void weightedAveragesWeightingEachOtherAreReportedOnceAsACycle() {
            String yaml = withIndicators(sum("YT-08", "aggregation: WEIGHTED_AVERAGE", "weight: YT-09"),
                    sum("YT-09", "aggregation: WEIGHTED_AVERAGE", "weight: YT-10"),
                    sum("YT-10", "aggregation: WEIGHTED_AVERAGE", "weight: YT-08"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[0].weight: YT-08 → YT-09 → YT-10 → YT-08 is a cycle; an indicator cannot depend on itself");
        }
    }

    @Nested
    class WholeFile {

        @Test
        void fileWithSeveralMistakesReportsAllOfThemInOneGo() {
            String yaml = PROVINCE + DEPARTMENTS + """
                    areas:
                      - {code: "74", name: "Bình Dương", level: PROVINCE}
                      - {code: "718", name: "Thủ Dầu Một", level: DISTRICT, parent: "7"}
                    """ + list("indicators",
                    sum("NS-01", "owner: SXX", "periodicity: WEEKLY"),
                    sum("HC-01", "-periodicity", "periodicty: MONTHLY"),
                    ratio("HC-03", "HC-02", "HC-01", "factor: abc"),
                    sum("NS-01", "validRange: {min: 10, max: 1}"));

            assertThat(errorsOf(yaml)).containsExactly(
                    "indicators[1].periodicty: unknown field; valid fields are " + INDICATOR_FIELDS,
                    "indicators[2].factor: 'abc' is not a number; write a decimal number such as 100 or 0.25",
                    "areas[1].parent: 7 is not a defined area; a parent must be the code of another area",
                    "indicators[3].code: NS-01 is already used by indicators[0]; indicator codes must be unique",
                    "indicators[0].periodicity: WEEKLY is not valid; valid values are DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, "
                            + "YEARLY",
                    "indicators[0].owner: SXX is not a defined department; defined departments are STC, VPUBND, CTK",
                    "indicators[0].reportingLevel: COMMUNE is not the level of any area; levels are PROVINCE, DISTRICT",
                    "indicators[1].periodicity: missing; valid values are DAILY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY",
                    "indicators[1].reportingLevel: COMMUNE is not the level of any area; levels are PROVINCE, DISTRICT",
                    "indicators[2].numerator: HC-02 is not defined; the numerator must be an indicator of this framework",
                    "indicators[3].reportingLevel: COMMUNE is not the level of any area; levels are PROVINCE, DISTRICT",
                    "indicators[3].validRange: min 10 is greater than max 1; min must not exceed max");
        }

        @Test
        void validFileBecomesAvroRecordsReadyToPublish() throws FrameworkException {
            String yaml = PROVINCE + DEPARTMENTS + AREAS + list("indicators",
                    sum("NS-01", "nameEn: \"State budget revenue\"", "nationalCode: QG-NS-01",
                            "validRange: {min: -0.5, max: 12345678901234567890123456.123456789012}"),
                    sum("HC-01", "owner: VPUBND", "unit: \"hồ sơ\""),
                    sum("HC-02", "owner: VPUBND", "unit: \"hồ sơ\""),
                    ratio("HC-03", "HC-02", "HC-01", "owner: VPUBND", "factor: 100", "nationalCode: QG-HC-03"),
                    ratio("HC-04", "HC-02", "HC-01", "owner: VPUBND"),
                    sum("DS-01", "periodicity: YEARLY", "owner: CTK", "unit: người", "kind: STATISTICAL"),
                    sum("YT-09", "periodicity: YEARLY", "aggregation: WEIGHTED_AVERAGE", "weight: DS-01", "unit: \"%\"",
                            "statisticalLink: DS-01"));

            Framework framework = parser.parse(yaml.getBytes(StandardCharsets.UTF_8));

            assertThat(framework.province()).isEqualTo(new Framework.Province("74", "Bình Dương"));
            assertThat(framework.departments()).containsExactly(new Department("STC", "Sở Tài chính"),
                    new Department("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh"), new Department("CTK", "Cục Thống kê"));
            assertThat(framework.areas()).containsExactly(new AdminArea("74", "Bình Dương", "PROVINCE", null),
                    new AdminArea("718", "Thủ Dầu Một", "DISTRICT", "74"),
                    new AdminArea("25747", "Phú Cường", "COMMUNE", "718"));
            assertThat(framework.indicators()).extracting(IndicatorDefinition::getCode)
                    .containsExactly("NS-01", "HC-01", "HC-02", "HC-03", "HC-04", "DS-01", "YT-09");
            assertThat(framework.indicator("NS-01")).contains(IndicatorDefinition.newBuilder()
                    .setCode("NS-01").setName("Chỉ tiêu NS-01").setNameEn("State budget revenue").setUnit("tỷ đồng")
                    .setPeriodicity(Periodicity.MONTHLY).setAggregation(Aggregation.SUM).setReportingLevel("COMMUNE")
                    .setOwner("STC").setKind(IndicatorKind.OPERATIONAL).setNationalCode("QG-NS-01")
                    .setValidMin(new BigDecimal("-0.500000000000"))
                    .setValidMax(new BigDecimal("12345678901234567890123456.123456789012"))
                    .setActive(true)
                    .build());
            assertThat(framework.indicator("HC-03")).contains(IndicatorDefinition.newBuilder()
                    .setCode("HC-03").setName("Tỷ lệ HC-03").setUnit("%")
                    .setPeriodicity(Periodicity.MONTHLY).setAggregation(Aggregation.RATIO)
                    .setOwner("VPUBND").setKind(IndicatorKind.OPERATIONAL).setNationalCode("QG-HC-03")
                    .setNumerator("HC-02").setDenominator("HC-01").setFactor(new BigDecimal("100.000000000000"))
                    .setActive(true)
                    .build());
            assertThat(framework.indicator("HC-04").orElseThrow().getFactor()).isEqualTo(new BigDecimal("1.000000000000"));
            assertThat(framework.indicator("YT-09").orElseThrow()).satisfies(coverage -> {
                assertThat(coverage.getWeight()).isEqualTo("DS-01");
                assertThat(coverage.getStatisticalLink()).isEqualTo("DS-01");
                assertThat(coverage.getFactor()).isNull();
            });
        }
    }
}
