package org.dmhub.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.schemas.ReconciliationStatus;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");

    @Test
    void withinTheToleranceIsConsistent() {
        Comparison comparison = Comparison.of(complete("104"), BigDecimal.ONE, d("100"), FIVE_PERCENT);
        assertThat(comparison.status()).isEqualTo(ReconciliationStatus.CONSISTENT);
        assertThat(comparison.difference()).isEqualByComparingTo("4");
        assertThat(comparison.relativeDifference()).isEqualTo(d("0.040000000000"));
    }

    @Test
    void beyondTheToleranceIsDivergentAndExactlyAtItIsNot() {
        assertThat(Comparison.of(complete("94.99"), BigDecimal.ONE, d("100"), FIVE_PERCENT).status())
                .isEqualTo(ReconciliationStatus.DIVERGENT);
        assertThat(Comparison.of(complete("95"), BigDecimal.ONE, d("100"), FIVE_PERCENT).status())
                .isEqualTo(ReconciliationStatus.CONSISTENT);
    }

    @Test
    void theFactorConvertsTheOperatingUnitToTheStatisticalOne() {
        // 12,345,678 million đồng is 12,345.678 billion đồng
        Comparison comparison = Comparison.of(complete("12345678"), new BigDecimal("0.001"), d("12000"), FIVE_PERCENT);
        assertThat(comparison.operating()).isEqualTo(d("12345.678000000000"));
        assertThat(comparison.difference()).isEqualByComparingTo("345.678");
        // 345.678 / 12000 = 0.0288065
        assertThat(comparison.relativeDifference()).isEqualTo(d("0.028806500000"));
        assertThat(comparison.status()).isEqualTo(ReconciliationStatus.CONSISTENT);
    }

    @Test
    void theRelativeDifferenceIsToTheStatisticalValuesMagnitude() {
        Comparison comparison = Comparison.of(complete("-90"), BigDecimal.ONE, d("-100"), FIVE_PERCENT);
        // (-90 - -100) / |-100| = 0.1
        assertThat(comparison.relativeDifference()).isEqualByComparingTo("0.1");
        assertThat(comparison.status()).isEqualTo(ReconciliationStatus.DIVERGENT);
    }

    @Test
    void aStatisticalZeroHasNoRelativeDifferenceAndOnlyZeroMeetsIt() {
        Comparison met = Comparison.of(complete("0"), BigDecimal.ONE, d("0"), FIVE_PERCENT);
        Comparison missed = Comparison.of(complete("0.000000000001"), BigDecimal.ONE, d("0"), FIVE_PERCENT);
        assertThat(met.relativeDifference()).isNull();
        assertThat(met.status()).isEqualTo(ReconciliationStatus.CONSISTENT);
        assertThat(missed.relativeDifference()).isNull();
        assertThat(missed.status()).isEqualTo(ReconciliationStatus.DIVERGENT);
    }

    @Test
    void anIncompleteOperatingValueIsIncompleteWhateverItsDifference() {
        Comparison comparison = Comparison.of(new AreaResult(d("100"), 8, 9), BigDecimal.ONE, d("100"), FIVE_PERCENT);
        assertThat(comparison.status()).isEqualTo(ReconciliationStatus.INCOMPLETE);
        assertThat(comparison.operatingCompleteness()).isEqualTo(d("0.888888888889"));
    }

    @Test
    void aMissingSideSaysWhichOneIsMissing() {
        assertThat(Comparison.of(complete("100"), BigDecimal.ONE, null, FIVE_PERCENT).status())
                .isEqualTo(ReconciliationStatus.NO_STATISTIC);
        assertThat(Comparison.of(null, BigDecimal.ONE, d("100"), FIVE_PERCENT).status())
                .isEqualTo(ReconciliationStatus.NO_OPERATIONAL);
        // a ratio whose denominators sum to 0 has no value either
        assertThat(Comparison.of(new AreaResult(null, 3, 3), BigDecimal.ONE, d("100"), FIVE_PERCENT).status())
                .isEqualTo(ReconciliationStatus.NO_OPERATIONAL);
    }

    private static AreaResult complete(String value) {
        return new AreaResult(d(value), 3, 3);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aRelativeDifferenceBeyondTheContractsDecimalsIsLeftOutButStillDivergent() {
        // 10^20 against 10^-12: the relative difference has 33 integer digits, more than decimal(38,12) holds (26)
        Comparison comparison = Comparison.of(new AreaResult(new BigDecimal("100000000000000000000.000000000000"), 1, 1), BigDecimal.ONE,
                new BigDecimal("0.000000000001"), new BigDecimal("0.050000000000"));
        assertThat(comparison.relativeDifference()).isNull();
        assertThat(comparison.difference()).isEqualByComparingTo("99999999999999999999.999999999999");
        assertThat(comparison.status()).isEqualTo(ReconciliationStatus.DIVERGENT);
    }
}
