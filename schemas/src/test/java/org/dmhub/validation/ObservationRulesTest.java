package org.dmhub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.Periodicity;
import org.dmhub.schemas.RejectionReason;
import org.junit.jupiter.api.Test;

class ObservationRulesTest {

    private static final IndicatorDefinition BUDGET = IndicatorDefinition.newBuilder()
            .setCode("NS-01").setName("Thu ngân sách").setUnit("tỷ đồng").setPeriodicity(Periodicity.MONTHLY)
            .setAggregation(Aggregation.SUM).setReportingLevel("COMMUNE").setOwner("STC").setKind(IndicatorKind.OPERATIONAL)
            .setValidMin(new BigDecimal("0").setScale(12)).setValidMax(new BigDecimal("100000").setScale(12)).build();
    private static final IndicatorDefinition RETIRED = IndicatorDefinition.newBuilder(BUDGET).setCode("NS-00").setActive(false).build();
    private static final IndicatorDefinition ON_TIME_RATE = IndicatorDefinition.newBuilder(BUDGET).setCode("HC-03")
            .setAggregation(Aggregation.RATIO).setReportingLevel(null).setNumerator("HC-02").setDenominator("HC-01")
            .setOwner("VPUBND").setUnit("%").build();

    private static final CatalogLookup CATALOG = CatalogLookup.of(List.of(BUDGET, RETIRED, ON_TIME_RATE), List.of(
            new AdminArea("74", "Bình Dương", "PROVINCE", null),
            new AdminArea("25747", "Phú Cường", "COMMUNE", "74")));

    private static IndicatorObservation.Builder valid() {
        return IndicatorObservation.newBuilder().setEventId("e-1").setIndicator("NS-01").setDepartment("STC").setArea("25747")
                .setPeriod("2026-10").setValue(new BigDecimal("1234.5").setScale(12)).setUnit("tỷ đồng").setRevision(1)
                .setStatus(ObservationStatus.REPORTED).setObservedAt(Instant.EPOCH).setPublishedAt(Instant.EPOCH).setSource("test");
    }

    private static List<RejectionReason> reasons(IndicatorObservation.Builder observation, String topicDepartment) {
        return ObservationRules.check(observation.build(), topicDepartment, CATALOG).stream().map(Violation::reason).toList();
    }

    @Test
    void aValidObservationPasses() {
        assertThat(ObservationRules.check(valid().build(), "STC", CATALOG)).isEmpty();
    }

    @Test
    void unknownIndicatorIsRefused() {
        assertThat(ObservationRules.check(valid().setIndicator("NS-99").build(), "STC", CATALOG))
                .extracting(Violation::toString).containsExactly("indicator: indicator NS-99 is not in the framework [UNKNOWN_INDICATOR]");
    }

    @Test
    void retiredIndicatorIsRefused() {
        assertThat(reasons(valid().setIndicator("NS-00"), "STC")).containsExactly(RejectionReason.INDICATOR_RETIRED);
    }

    @Test
    void reportOfADerivedIndicatorIsRefused() {
        assertThat(reasons(valid().setIndicator("HC-03").setDepartment("VPUBND").setUnit("%"), "VPUBND"))
                .containsExactly(RejectionReason.DERIVED_INDICATOR);
    }

    @Test
    void anotherDepartmentsIndicatorIsRefused() {
        assertThat(reasons(valid().setDepartment("SYT"), "SYT")).containsExactly(RejectionReason.DEPARTMENT_NOT_OWNER);
    }

    @Test
    void departmentOtherThanTheTopicsIsRefused() {
        assertThat(reasons(valid(), "SYT")).containsExactly(RejectionReason.DEPARTMENT_TOPIC_MISMATCH);
    }

    @Test
    void unknownAreaIsRefused() {
        assertThat(reasons(valid().setArea("99999"), "STC")).containsExactly(RejectionReason.UNKNOWN_AREA);
    }

    @Test
    void areaOfTheWrongLevelIsRefused() {
        assertThat(ObservationRules.check(valid().setArea("74").build(), "STC", CATALOG)).extracting(Violation::toString)
                .containsExactly("area: area 74 is a PROVINCE; NS-01 is reported for each COMMUNE [WRONG_AREA_LEVEL]");
    }

    @Test
    void periodOfAnotherFormIsRefusedWithTheValidForm() {
        assertThat(ObservationRules.check(valid().setPeriod("2026-Q4").build(), "STC", CATALOG)).extracting(Violation::toString)
                .containsExactly("period: '2026-Q4' is not a period of NS-01, which is reported MONTHLY: write YYYY-MM (e.g. 2026-10) [PERIOD_MISMATCH]");
    }

    @Test
    void otherUnitIsRefused() {
        assertThat(reasons(valid().setUnit("triệu đồng"), "STC")).containsExactly(RejectionReason.UNIT_MISMATCH);
    }

    @Test
    void valueOutsideTheValidRangeIsRefused() {
        assertThat(ObservationRules.check(valid().setValue(new BigDecimal("-1").setScale(12)).build(), "STC", CATALOG))
                .extracting(Violation::toString)
                .containsExactly("value: -1 is outside the valid range of NS-01: 0 to 100000 [VALUE_OUT_OF_RANGE]");
    }

    @Test
    void reportWithoutValueIsRefusedButRetractionIsNot() {
        assertThat(reasons(valid().setValue(null), "STC")).containsExactly(RejectionReason.MISSING_VALUE);
        assertThat(reasons(valid().setValue(null).setStatus(ObservationStatus.RETRACTED), "STC")).isEmpty();
    }

    @Test
    void moreThanTwelveDecimalPlacesIsRefused() {
        assertThat(reasons(valid().setValue(new BigDecimal("1.0000000000001")), null)).containsExactly(RejectionReason.PRECISION_EXCEEDED);
        assertThat(reasons(valid().setValue(new BigDecimal("1.000000000001000")), null)).isEmpty();
    }

    @Test
    void anAbsurdExponentIsRefusedWithAShortMessageInsteadOfWritingItOut() {
        assertThat(ObservationRules.check(valid().setValue(new BigDecimal("1e2147483647")).build(), "STC", CATALOG))
                .extracting(Violation::toString).containsExactly(
                        "value: 1E+2147483647 has more than 26 digits before the decimal point [PRECISION_EXCEEDED]",
                        "value: 1E+2147483647 is outside the valid range of NS-01: 0 to 100000 [VALUE_OUT_OF_RANGE]");
        assertThat(ObservationRules.check(valid().setValue(new BigDecimal("1e-2147483647")).build(), "STC", CATALOG))
                .extracting(Violation::toString)
                .containsExactly("value: 1E-2147483647 has more than 12 decimal places [PRECISION_EXCEEDED]");
    }

    @Test
    void theIntegerDigitsOfAValueAreCountedWithoutOverflow() {
        assertThat(Decimals.exceedsPrecision(new BigDecimal("1e2147483647"))).isTrue();
        assertThat(Decimals.exceedsPrecision(new BigDecimal("12345678901234567890123456"))).isFalse();
        assertThat(Decimals.exceedsPrecision(new BigDecimal("123456789012345678901234567"))).isTrue();
    }

    @Test
    void thePlainLengthIsTheLengthOfThePlainFormWithoutWritingIt() {
        for (String written : List.of("0", "-0.5", "1234.5", "1E+5", "-1E+5", "1.5E-7", "0.000000000001", "-98765.4321", "1E-1",
                "123E-2", "123E-3", "123E-4", "0E+300", "0E-5", "-0E+3", "0.000")) {
            BigDecimal value = new BigDecimal(written);
            assertThat(Decimals.plainLength(value)).as(written).isEqualTo(value.toPlainString().length());
        }
        assertThat(Decimals.plainLength(new BigDecimal("1e2147483647"))).isEqualTo(2_147_483_648L);
    }

    @Test
    void everyViolationIsListedAtOnce() {
        assertThat(reasons(valid().setDepartment("SYT").setArea("74").setPeriod("2026").setUnit("%"), "STC"))
                .containsExactlyInAnyOrder(RejectionReason.DEPARTMENT_TOPIC_MISMATCH, RejectionReason.DEPARTMENT_NOT_OWNER,
                        RejectionReason.WRONG_AREA_LEVEL, RejectionReason.PERIOD_MISMATCH, RejectionReason.UNIT_MISMATCH);
    }
}
