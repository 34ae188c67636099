package org.dmhub.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.schemas.ReconciliationStatus;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Fraction;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.Test;

/**
 * Every comparison equals its definition, worked out here in exact fractions: the operating value times the factor
 * (rounded half-even to 12 places, as the contract's decimals are), the difference exact, the relative difference to
 * the statistical value's magnitude rounded once, and the status from those published figures.
 */
class ComparisonPropertyTest {

    @Test
    void everyComparisonIsItsDefinition() {
        Property.forAll(2000, draw -> {
            int expected = draw.intBetween(1, 12);
            int contributing = draw.intBetween(0, expected);
            BigDecimal operatingValue = contributing == 0 || draw.intBetween(0, 9) == 0 ? null : decimal(draw);
            AreaResult operating = draw.intBetween(0, 9) == 0 ? null : new AreaResult(operatingValue, contributing, expected);
            BigDecimal factor = draw.oneOf(new BigDecimal("1"), new BigDecimal("0.001"), new BigDecimal("1000"), new BigDecimal("0.37"));
            BigDecimal statistical = draw.intBetween(0, 7) == 0 ? null : draw.intBetween(0, 5) == 0 ? scale12(BigDecimal.ZERO) : decimal(draw);
            BigDecimal tolerance = scale12(draw.oneOf(new BigDecimal("0"), new BigDecimal("0.02"), new BigDecimal("0.05"), new BigDecimal("0.5")));

            Comparison comparison = Comparison.of(operating, factor, statistical, tolerance);

            BigDecimal wantOperating = operating == null || operating.value() == null ? null
                    : Fraction.of(operating.value()).times(Fraction.of(factor)).rounded();
            assertThat(comparison.operating()).isEqualTo(wantOperating);
            assertThat(comparison.statistical()).isEqualTo(statistical);
            boolean complete = operating != null && operating.contributing() == operating.expected();
            if (statistical == null) {
                assertThat(comparison.status()).isEqualTo(ReconciliationStatus.NO_STATISTIC);
                assertThat(comparison.difference()).isNull();
                return;
            }
            if (wantOperating == null) {
                assertThat(comparison.status()).isEqualTo(ReconciliationStatus.NO_OPERATIONAL);
                assertThat(comparison.difference()).isNull();
                return;
            }
            Fraction difference = Fraction.of(wantOperating).minus(Fraction.of(statistical));
            assertThat(comparison.difference()).isEqualByComparingTo(difference.rounded());
            BigDecimal relative = statistical.signum() == 0 ? null : difference.dividedBy(Fraction.of(statistical).abs()).rounded();
            assertThat(comparison.relativeDifference()).isEqualTo(relative);
            ReconciliationStatus status;
            if (!complete) {
                status = ReconciliationStatus.INCOMPLETE;
            } else if (relative == null) {
                status = difference.isZero() ? ReconciliationStatus.CONSISTENT : ReconciliationStatus.DIVERGENT;
            } else {
                status = relative.abs().compareTo(tolerance) <= 0 ? ReconciliationStatus.CONSISTENT : ReconciliationStatus.DIVERGENT;
            }
            assertThat(comparison.status()).isEqualTo(status);
            assertThat(comparison.operatingCompleteness()).isEqualByComparingTo(
                    Fraction.of(BigDecimal.valueOf(operating.contributing())).dividedBy(Fraction.of(BigDecimal.valueOf(operating.expected()))).rounded());
        });
    }

    /** At the contract's scale, up to 6 significant decimals, between -10^6 and 10^6; often equal to a round number. */
    private static BigDecimal decimal(Draw draw) {
        return scale12(BigDecimal.valueOf(draw.intBetween(-1_000_000, 1_000_000), draw.intBetween(0, 6)));
    }

    private static BigDecimal scale12(BigDecimal value) {
        return value.setScale(12);
    }
}
