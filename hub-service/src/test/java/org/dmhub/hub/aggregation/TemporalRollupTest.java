package org.dmhub.hub.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.period.Period;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;
import org.junit.jupiter.api.Test;

class TemporalRollupTest {

    private static final AreaTree TREE = SmallAreaTree.TREE;

    private static final Period JANUARY = Period.parse("2026-01").orElseThrow();
    private static final Period FEBRUARY = Period.parse("2026-02").orElseThrow();
    private static final Period MARCH = Period.parse("2026-03").orElseThrow();

    @Test
    void aFlowIsTheSumOfItsMonthsPerUnitThenOfItsUnits() {
        Map<String, AreaResult> quarter = compute(Aggregation.SUM, OverTime.SUM, Map.of(
                "A", months("1.5", "2.5", "3"), "B", months("10", null, "0.000000000001"), "C", months(null, null, null)));
        assertThat(quarter.get("A").value()).isEqualTo(d("7.000000000000"));
        assertThat(quarter.get("D1").value()).isEqualTo(d("17.000000000001"));
        // 5 of the 6 unit-months of D1 (2 communes × 3 months) have a value
        assertThat(quarter.get("D1")).extracting(AreaResult::contributing, AreaResult::expected).containsExactly(5, 6);
        assertThat(quarter.get("P")).extracting(AreaResult::contributing, AreaResult::expected).containsExactly(5, 9);
        // C reported nothing with a value (every month retracted): C and D2 are there, without a value, so that a
        // value published before is withdrawn
        assertThat(quarter.get("C")).isEqualTo(new AreaResult(null, 0, 3));
        assertThat(quarter.get("D2")).isEqualTo(new AreaResult(null, 0, 3));
    }

    @Test
    void aStockIsItsLatestMonthWithAValueEvenWhenTheLastMonthIsMissing() {
        Map<String, AreaResult> quarter = compute(Aggregation.SUM, OverTime.LAST, Map.of(
                "A", months("100", "110", null), "B", months("7", "8", "9")));
        // A's March is missing: its February stands; B's March
        assertThat(quarter.get("A").value()).isEqualByComparingTo("110");
        assertThat(quarter.get("D1").value()).isEqualByComparingTo("119");
        // one period of each unit enters a stock: both communes of D1 gave one, so it is complete
        assertThat(quarter.get("D1")).extracting(AreaResult::contributing, AreaResult::expected).containsExactly(2, 2);
        assertThat(quarter.get("D1").completeness()).isEqualByComparingTo("1");
    }

    @Test
    void aRatioOverTimeIsTheRatioOfTheSumsNotTheMeanOfMonthlyRatios() {
        NavigableMap<Period, UnitInput> a = new TreeMap<>(Map.of(
                JANUARY, new UnitInput(d("1"), d("10")), FEBRUARY, new UnitInput(d("90"), d("100")), MARCH, new UnitInput(d("5"), null)));
        Map<String, AreaResult> quarter = TemporalRollup.compute(Aggregation.RATIO, OverTime.SUM, d("100"), TREE, "COMMUNE", 3,
                Map.of("A", a));
        // 100 · (1 + 90) / (10 + 100) = 82.727272727273; the mean of the monthly ratios (10 and 90) would be 50;
        // March has no denominator, so it does not enter
        assertThat(quarter.get("A").value()).isEqualTo(d("82.727272727273"));
        assertThat(quarter.get("A").contributing()).isEqualTo(2);
    }

    @Test
    void aWeightedAverageOverTimeWeighsEveryUnitMonth() {
        NavigableMap<Period, UnitInput> a = new TreeMap<>(Map.of(JANUARY, new UnitInput(d("10"), d("1")), FEBRUARY, new UnitInput(d("40"), d("3"))));
        NavigableMap<Period, UnitInput> c = new TreeMap<>(Map.of(MARCH, new UnitInput(d("0"), d("4"))));
        Map<String, AreaResult> quarter = TemporalRollup.compute(Aggregation.WEIGHTED_AVERAGE, OverTime.SUM, d("1"), TREE, "COMMUNE", 3,
                Map.of("A", a, "C", c));
        // (10·1 + 40·3 + 0·4) / (1 + 3 + 4) = 16.25
        assertThat(quarter.get("P").value()).isEqualByComparingTo("16.25");
    }

    @Test
    void anAverageIsTheMeanOfEachUnitsMeanRoundedOnce() {
        Map<String, AreaResult> quarter = compute(Aggregation.AVERAGE, OverTime.AVERAGE, Map.of(
                "A", months("1", "2", null), "B", months("1", "1", "2"), "C", months("0", null, null)));
        // A 1.5, B 4/3, C 0: (1.5 + 4/3 + 0) / 3 = 0.944444444444(4…)
        assertThat(quarter.get("P").value()).isEqualTo(d("0.944444444444"));
    }

    @Test
    void anIndicatorNotRolledUpOverTimeHasNoSpanValues() {
        assertThat(compute(Aggregation.SUM, OverTime.NONE, Map.of("A", months("1", "2", "3")))).isEmpty();
    }

    @Test
    void aRetractedMonthLeavesTheSpanAsIfNeverReported() {
        Map<String, AreaResult> quarter = compute(Aggregation.MAX, OverTime.MAX, Map.of("A", months("5", null, "3")));
        assertThat(quarter.get("A").value()).isEqualByComparingTo("5");
        assertThat(quarter.get("A").contributing()).isEqualTo(2);
    }

    @Test
    void withoutARuleOverTimeAFlowIsSummedAndAnAverageAveraged() {
        assertThat(TemporalRollup.overTimeOf(indicator(Aggregation.SUM, null))).isEqualTo(OverTime.SUM);
        assertThat(TemporalRollup.overTimeOf(indicator(Aggregation.AVERAGE, null))).isEqualTo(OverTime.AVERAGE);
        assertThat(TemporalRollup.overTimeOf(indicator(Aggregation.NONE, null))).isEqualTo(OverTime.NONE);
        assertThat(TemporalRollup.overTimeOf(indicator(Aggregation.RATIO, null))).isNull();
        assertThat(TemporalRollup.overTimeOf(indicator(Aggregation.SUM, OverTime.LAST))).isEqualTo(OverTime.LAST);
    }

    private static IndicatorDefinition indicator(Aggregation aggregation, OverTime overTime) {
        return IndicatorDefinition.newBuilder().setCode("X").setName("X").setUnit("người").setPeriodicity(Periodicity.MONTHLY)
                .setAggregation(aggregation).setOwner("STC").setKind(IndicatorKind.OPERATIONAL).setOverTime(overTime).build();
    }

    private static Map<String, AreaResult> compute(Aggregation rule, OverTime overTime, Map<String, NavigableMap<Period, UnitInput>> inputs) {
        return TemporalRollup.compute(rule, overTime, BigDecimal.ONE, TREE, "COMMUNE", 3, inputs);
    }

    /** January, February and March of 2026; null for a month not reported (or retracted). */
    private static NavigableMap<Period, UnitInput> months(String january, String february, String march) {
        NavigableMap<Period, UnitInput> months = new TreeMap<>();
        months.put(JANUARY, UnitInput.of(january == null ? null : d(january)));
        months.put(FEBRUARY, UnitInput.of(february == null ? null : d(february)));
        months.put(MARCH, UnitInput.of(march == null ? null : d(march)));
        return months;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
