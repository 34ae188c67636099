package org.dmhub.hub.reconciliation;

import java.math.BigDecimal;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.schemas.ReconciliationStatus;
import org.dmhub.validation.Decimals;

/**
 * An operating indicator's value over a period beside its statistical indicator's, for one area: the rule of the
 * reconciliation, without Kafka.
 *
 * @param operating the operating value rolled up over the period, times the link's factor (rounded half-even to 12
 *     places, the contract's scale); null when no unit-period gave one
 * @param statistical the statistical indicator's value; null when it has none yet
 * @param difference operating − statistical, exact; null unless both are present (or when it does not fit decimal(38,12))
 * @param relativeDifference difference / |statistical|, rounded half-even to 12 places; null unless both are present
 *     and the statistical value is not 0 (or when it does not fit decimal(38,12))
 * @param operatingCompleteness the operating value's completeness (contributing / expected unit-periods)
 */
public record Comparison(BigDecimal operating, BigDecimal statistical, BigDecimal difference, BigDecimal relativeDifference,
        BigDecimal tolerance, BigDecimal operatingCompleteness, ReconciliationStatus status) {

    /**
     * @param operating the operating indicator's roll-up over the period for the area; null when no unit reported
     * @param factor converts the operating unit to the statistical one (1 when the link names none)
     * @param statistical the statistical value; null when none is published yet
     * @param tolerance the largest |relativeDifference| still CONSISTENT, as a fraction (0.05 for 5 %)
     */
    public static Comparison of(AreaResult operating, BigDecimal factor, BigDecimal statistical, BigDecimal tolerance) {
        BigDecimal operatingValue = operating == null || operating.value() == null ? null
                : fitting(operating.value().multiply(factor).setScale(Decimals.SCALE, Decimals.ROUNDING));
        BigDecimal completeness = operating == null ? Decimals.toWireScale(BigDecimal.ZERO) : operating.completeness();
        if (statistical == null) {
            return new Comparison(operatingValue, null, null, null, tolerance, completeness, ReconciliationStatus.NO_STATISTIC);
        }
        if (operatingValue == null) {
            return new Comparison(null, statistical, null, null, tolerance, completeness, ReconciliationStatus.NO_OPERATIONAL);
        }
        BigDecimal exactDifference = operatingValue.subtract(statistical);
        BigDecimal computedRelative = statistical.signum() == 0 ? null : Decimals.divide(exactDifference, statistical.abs());
        // a figure beyond decimal(38,12) is published without it, as the roll-ups do; the status is still worked out
        BigDecimal difference = fitting(exactDifference);
        BigDecimal relative = computedRelative == null ? null : fitting(computedRelative);
        ReconciliationStatus status;
        if (completeness.compareTo(BigDecimal.ONE) < 0) {
            status = ReconciliationStatus.INCOMPLETE;
        } else if (computedRelative == null ? exactDifference.signum() == 0 : computedRelative.abs().compareTo(tolerance) <= 0) {
            // a statistical 0 is met only by an operating 0: no relative difference can be worked out from it
            status = ReconciliationStatus.CONSISTENT;
        } else {
            status = ReconciliationStatus.DIVERGENT;
        }
        return new Comparison(operatingValue, statistical, difference, relative, tolerance, completeness, status);
    }

    /** The value, or none when it has more than 26 integer digits: the contract's decimal(38,12) cannot hold it. */
    private static BigDecimal fitting(BigDecimal value) {
        return Decimals.exceedsPrecision(value) ? null : value;
    }
}
