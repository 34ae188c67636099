package org.dmhub.hub.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.schemas.Aggregation;
import org.junit.jupiter.api.Test;

class RollupTest {

    private static final AreaTree TREE = SmallAreaTree.TREE;

    private static Map<String, AreaResult> rollUp(Aggregation rule, Map<String, UnitInput> inputs) {
        return Rollup.compute(rule, new BigDecimal(100), TREE, "COMMUNE", inputs);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void sumIsExactAtEveryLevel() {
        Map<String, AreaResult> results = rollUp(Aggregation.SUM, Map.of(
                "A", UnitInput.of(d("0.000000000001")), "B", UnitInput.of(d("99999999999999.999999999999")), "C", UnitInput.of(d("1"))));
        assertThat(results.get("D1").value()).isEqualTo(d("100000000000000.000000000000"));
        assertThat(results.get("P").value()).isEqualTo(d("100000000000001.000000000000"));
        assertThat(results.get("P")).extracting(AreaResult::contributing, AreaResult::expected).containsExactly(3, 3);
    }

    @Test
    void averageIsTheMeanOverUnitsNotAMeanOfChildMeans() {
        Map<String, AreaResult> results = rollUp(Aggregation.AVERAGE, Map.of(
                "A", UnitInput.of(d("1")), "B", UnitInput.of(d("2")), "C", UnitInput.of(d("6"))));
        assertThat(results.get("D1").value()).isEqualByComparingTo("1.5");
        // (1 + 2 + 6) / 3 = 3, whereas the mean of the district means (1.5 + 6) / 2 would be 3.75
        assertThat(results.get("P").value()).isEqualByComparingTo("3");
    }

    @Test
    void ratioIsRecomputedFromComponentSumsNotAveraged() {
        Map<String, AreaResult> results = rollUp(Aggregation.RATIO, Map.of(
                "A", new UnitInput(d("1"), d("2")), "B", new UnitInput(d("9"), d("18")), "C", new UnitInput(d("90"), d("100"))));
        assertThat(results.get("A").value()).isEqualByComparingTo("50");
        assertThat(results.get("C").value()).isEqualByComparingTo("90");
        // 100 · (1 + 9 + 90) / (2 + 18 + 100) = 83.333333333333, not the mean of 50, 50 and 90
        assertThat(results.get("P").value()).isEqualTo(d("83.333333333333"));
    }

    @Test
    void unitsMissingAComponentAreLeftOutAndCompletenessShowsIt() {
        Map<String, AreaResult> results = rollUp(Aggregation.RATIO, Map.of(
                "A", new UnitInput(d("1"), d("4")), "B", new UnitInput(d("5"), null)));
        assertThat(results.get("D1").value()).isEqualByComparingTo("25");
        assertThat(results.get("D1")).extracting(AreaResult::contributing, AreaResult::expected).containsExactly(1, 2);
        assertThat(results.get("B").value()).isNull();
        assertThat(results).doesNotContainKey("D2");
    }

    @Test
    void ratioOverAZeroDenominatorHasNoValue() {
        assertThat(rollUp(Aggregation.RATIO, Map.of("A", new UnitInput(d("3"), d("0")))).get("P").value()).isNull();
    }

    @Test
    void weightedAverageWeighsEachUnit() {
        Map<String, AreaResult> results = rollUp(Aggregation.WEIGHTED_AVERAGE, Map.of(
                "A", new UnitInput(d("10"), d("1000")), "B", new UnitInput(d("20"), d("3000")), "C", new UnitInput(d("99"), null)));
        assertThat(results.get("P").value()).isEqualByComparingTo("17.5");
        assertThat(results.get("P").contributing()).isEqualTo(2);
    }

    @Test
    void minimumIsTheTrueMinimumAfterTheMinimumIsRetracted() {
        Map<String, UnitInput> inputs = new HashMap<>(Map.of("A", UnitInput.of(d("1")), "B", UnitInput.of(d("5")), "C", UnitInput.of(d("3"))));
        assertThat(rollUp(Aggregation.MIN, inputs).get("P").value()).isEqualByComparingTo("1");
        inputs.put("A", UnitInput.of(null));
        assertThat(rollUp(Aggregation.MIN, inputs).get("P").value()).isEqualByComparingTo("3");
        assertThat(rollUp(Aggregation.MAX, inputs).get("D1").value()).isEqualByComparingTo("5");
    }

    @Test
    void noneIsPublishedAtItsOwnLevelOnly() {
        Map<String, AreaResult> results = rollUp(Aggregation.NONE, Map.of("A", UnitInput.of(d("4.2"))));
        assertThat(results).containsOnlyKeys("A");
        assertThat(results.get("A")).isEqualTo(new AreaResult(d("4.200000000000"), 1, 1));
    }

    @Test
    void anAreaWhoseUnitsAllRetractedHasNoValue() {
        AreaResult province = rollUp(Aggregation.SUM, Map.of("A", UnitInput.of(null))).get("P");
        assertThat(province).isEqualTo(new AreaResult(null, 0, 3));
        assertThat(province.completeness()).isEqualByComparingTo("0");
    }

    @Test
    void aResultTooLargeForTheWireHasNoValueButKeepsItsCounts() {
        AreaResult province = Rollup.compute(Aggregation.RATIO, new BigDecimal(100), TREE, "COMMUNE", Map.of(
                "A", new UnitInput(d("99999999999999999999999999"), d("0.000000000001")))).get("P");
        assertThat(province.value()).isNull();
        assertThat(province.contributing()).isEqualTo(1);
        AreaResult sum = rollUp(Aggregation.SUM, Map.of(
                "A", UnitInput.of(d("99999999999999999999999999")), "B", UnitInput.of(d("99999999999999999999999999")))).get("D1");
        assertThat(sum.value()).isNull();
    }

    @Test
    void completenessIsRoundedHalfEvenToTwelvePlaces() {
        assertThat(new AreaResult(d("1"), 2, 3).completeness()).isEqualTo(d("0.666666666667"));
    }
}
