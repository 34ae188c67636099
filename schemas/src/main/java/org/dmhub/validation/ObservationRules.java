package org.dmhub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmhub.period.Period;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.RejectionReason;

/**
 * The rules an observation must satisfy before it enters the provincial view. The hub applies them to every
 * record; connectors apply the same rules before sending, so that a department hears of a mistake at once.
 */
public final class ObservationRules {

    private ObservationRules() {
    }

    /**
     * Every violation of the rules; empty when the observation is acceptable.
     *
     * @param topicDepartment the department whose topic carried the observation, or {@code null} when checked
     *     before sending
     */
    public static List<Violation> check(IndicatorObservation observation, String topicDepartment, CatalogLookup catalog) {
        List<Violation> violations = new ArrayList<>();
        if (topicDepartment != null && !topicDepartment.equals(observation.getDepartment())) {
            violations.add(new Violation(RejectionReason.DEPARTMENT_TOPIC_MISMATCH, "department",
                    "department " + observation.getDepartment() + " published on the topic of department " + topicDepartment
                            + "; each department publishes only on its own topic"));
        }
        Optional<IndicatorDefinition> found = catalog.indicator(observation.getIndicator());
        if (found.isEmpty()) {
            violations.add(new Violation(RejectionReason.UNKNOWN_INDICATOR, "indicator",
                    "indicator " + observation.getIndicator() + " is not in the framework"));
        }
        found.ifPresent(indicator -> checkAgainstIndicator(observation, indicator, catalog, violations));
        if (found.isEmpty()) {
            checkArea(observation, null, catalog, violations);
        }
        checkValue(observation, found.orElse(null), violations);
        return violations;
    }

    private static void checkAgainstIndicator(IndicatorObservation observation, IndicatorDefinition indicator,
            CatalogLookup catalog, List<Violation> violations) {
        if (!indicator.getActive()) {
            violations.add(new Violation(RejectionReason.INDICATOR_RETIRED, "indicator",
                    "indicator " + indicator.getCode() + " has been retired from the framework"));
        }
        if (indicator.getAggregation() == Aggregation.RATIO) {
            violations.add(new Violation(RejectionReason.DERIVED_INDICATOR, "indicator",
                    "indicator " + indicator.getCode() + " is computed by the hub from " + indicator.getNumerator() + " and "
                            + indicator.getDenominator() + "; publish those instead"));
        }
        if (!indicator.getOwner().equals(observation.getDepartment())) {
            violations.add(new Violation(RejectionReason.DEPARTMENT_NOT_OWNER, "department",
                    "indicator " + indicator.getCode() + " belongs to department " + indicator.getOwner() + ", not "
                            + observation.getDepartment()));
        }
        checkArea(observation, indicator, catalog, violations);
        if (Period.parse(observation.getPeriod(), indicator.getPeriodicity()).isEmpty()) {
            violations.add(new Violation(RejectionReason.PERIOD_MISMATCH, "period",
                    "'" + observation.getPeriod() + "' is not a period of " + indicator.getCode() + ", which is reported "
                            + indicator.getPeriodicity() + ": write " + Period.form(indicator.getPeriodicity())));
        }
        if (!indicator.getUnit().equals(observation.getUnit())) {
            violations.add(new Violation(RejectionReason.UNIT_MISMATCH, "unit",
                    "unit '" + observation.getUnit() + "' differs from the unit of " + indicator.getCode() + ": '"
                            + indicator.getUnit() + "'"));
        }
    }

    private static void checkArea(IndicatorObservation observation, IndicatorDefinition indicator, CatalogLookup catalog,
            List<Violation> violations) {
        Optional<AdminArea> area = catalog.area(observation.getArea());
        if (area.isEmpty()) {
            violations.add(new Violation(RejectionReason.UNKNOWN_AREA, "area",
                    "area " + observation.getArea() + " is not in the framework's area list"));
            return;
        }
        String level = indicator == null ? null : indicator.getReportingLevel();
        if (level != null && !level.equals(area.get().getLevel())) {
            violations.add(new Violation(RejectionReason.WRONG_AREA_LEVEL, "area",
                    "area " + observation.getArea() + " is a " + area.get().getLevel() + "; " + indicator.getCode()
                            + " is reported for each " + level));
        }
    }

    private static void checkValue(IndicatorObservation observation, IndicatorDefinition indicator, List<Violation> violations) {
        BigDecimal value = observation.getValue();
        if (observation.getStatus() == ObservationStatus.RETRACTED) {
            return;
        }
        if (value == null) {
            violations.add(new Violation(RejectionReason.MISSING_VALUE, "value",
                    "a REPORTED observation needs a value (leave it empty only with status RETRACTED)"));
            return;
        }
        if (Decimals.exceedsScale(value)) {
            violations.add(new Violation(RejectionReason.PRECISION_EXCEEDED, "value",
                    Decimals.show(value) + " has more than " + Decimals.SCALE + " decimal places"));
        }
        if (Decimals.exceedsPrecision(value)) {
            violations.add(new Violation(RejectionReason.PRECISION_EXCEEDED, "value",
                    Decimals.show(value) + " has more than " + (Decimals.PRECISION - Decimals.SCALE) + " digits before the decimal point"));
        }
        if (indicator == null) {
            return;
        }
        BigDecimal min = indicator.getValidMin();
        BigDecimal max = indicator.getValidMax();
        if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
            violations.add(new Violation(RejectionReason.VALUE_OUT_OF_RANGE, "value",
                    Decimals.show(value.stripTrailingZeros()) + " is outside the valid range of " + indicator.getCode() + ": "
                            + (min == null ? "-∞" : min.stripTrailingZeros().toPlainString()) + " to "
                            + (max == null ? "+∞" : max.stripTrailingZeros().toPlainString())));
        }
    }
}
