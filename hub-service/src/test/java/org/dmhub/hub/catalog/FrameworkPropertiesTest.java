package org.dmhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dmhub.hub.catalog.FrameworkYaml.DEPARTMENTS;
import static org.dmhub.hub.catalog.FrameworkYaml.PROVINCE;
import static org.dmhub.hub.catalog.FrameworkYaml.list;
import static org.dmhub.hub.catalog.FrameworkYaml.sum;
import static org.dmhub.hub.catalog.FrameworkYaml.withIndicators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmhub.schemas.AdminArea;

class FrameworkPropertiesTest {

    private final FrameworkParser parser = new FrameworkParser();

    @Property(tries = 200)
    void everyMisspelledFieldIsReportedAtItsOwnIndicator(@ForAll @Size(min = 1, max = 12) List<Boolean> misspelled) {
        Assume.that(misspelled.contains(true));
        String[] indicators = IntStream.range(0, misspelled.size())
                .mapToObj(index -> misspelled.get(index) ? sum("IN-" + index, "unitt: hộ") : sum("IN-" + index))
                .toArray(String[]::new);
        List<String> expected = IntStream.range(0, misspelled.size())
                .filter(misspelled::get)
                .mapToObj(index -> "indicators[" + index + "].unitt: unknown field; valid fields are code, name, nameEn, unit, "
                        + "periodicity, aggregation, reportingLevel, owner, kind, statisticalLink, nationalCode, validRange, "
                        + "numerator, denominator, factor, weight")
                .toList();

        assertThat(errorsOf(withIndicators(indicators))).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void decimalsWithinTheWireLimitsArriveExactlyAtScaleTwelve(@ForAll("wireDecimals") BigDecimal value) throws Exception {
        String yaml = withIndicators(sum("NS-01", "validRange: {min: " + value.toPlainString() + "}"));

        BigDecimal validMin = parser.parse(yaml).indicator("NS-01").orElseThrow().getValidMin();

        assertThat(validMin.scale()).isEqualTo(12);
        assertThat(validMin).isEqualByComparingTo(value);
    }

    @Property(tries = 100)
    void decimalsWithMoreThanTwelvePlacesAreRefusedNotRounded(@ForAll("wireDecimals") BigDecimal value,
            @ForAll @IntRange(min = 1, max = 9) int extraDigit) {
        BigDecimal tooPrecise = value.setScale(12).add(BigDecimal.valueOf(extraDigit, 13));
        String yaml = withIndicators(sum("NS-01", "validRange: {max: " + tooPrecise.toPlainString() + "}"));

        assertThat(errorsOf(yaml)).containsExactly("indicators[0].validRange.max: " + tooPrecise.toPlainString()
                + " has more than 12 decimal places; use at most 12");
    }

    @Property(tries = 200)
    void areaTreesOfAnyShapeAreAccepted(@ForAll("parentChoices") List<Integer> parentChoices) throws Exception {
        List<String> areas = tree(parentChoices);

        List<AdminArea> parsed = parser.parse(withAreas(areas)).areas();

        assertThat(parsed).hasSize(areas.size());
        for (int index = 1; index < parsed.size(); index++) {
            assertThat(parsed.get(index).getParentCode()).isEqualTo(areaCode(parentChoices.get(index - 1)));
        }
    }

    @Property(tries = 200)
    void everyCycleOfAreasIsReportedOnce(@ForAll("parentChoices") List<Integer> parentChoices,
            @ForAll @IntRange(min = 2, max = 6) int cycleLength) {
        List<String> areas = new ArrayList<>(tree(parentChoices));
        for (int step = 0; step < cycleLength; step++) {
            areas.add("{code: \"C" + step + "\", name: Vòng, level: COMMUNE, parent: \"C" + (step + 1) % cycleLength + "\"}");
        }

        assertThat(errorsOf(withAreas(areas))).singleElement().asString()
                .startsWith("areas[" + (parentChoices.size() + 1) + "].parent: C0 → C1")
                .endsWith(" → C0 is a cycle; every area must lead up to the province");
    }

    @Provide
    Arbitrary<BigDecimal> wireDecimals() {
        return Arbitraries.integers().between(0, 12).flatMap(scale -> {
            BigInteger bound = BigInteger.TEN.pow(26 + scale).subtract(BigInteger.ONE);
            return Arbitraries.bigIntegers().between(bound.negate(), bound).map(unscaled -> new BigDecimal(unscaled, scale));
        });
    }

    /** Area {@code i + 1} hangs under one of the areas before it; area 0 is the province. */
    @Provide
    Arbitrary<List<Integer>> parentChoices() {
        return Arbitraries.integers().between(0, 30).list().ofMaxSize(30)
                .map(choices -> IntStream.range(0, choices.size()).mapToObj(index -> choices.get(index) % (index + 1)).toList());
    }

    private static List<String> tree(List<Integer> parentChoices) {
        List<String> areas = new ArrayList<>();
        areas.add("{code: \"74\", name: Bình Dương, level: PROVINCE}");
        for (int index = 0; index < parentChoices.size(); index++) {
            areas.add("{code: \"" + areaCode(index + 1) + "\", name: Khu vực, level: COMMUNE, parent: \""
                    + areaCode(parentChoices.get(index)) + "\"}");
        }
        return areas;
    }

    private static String areaCode(int index) {
        return index == 0 ? "74" : "A" + index;
    }

    private static String withAreas(List<String> areas) {
        return PROVINCE + DEPARTMENTS + list("areas", areas.toArray(String[]::new))
                + list("indicators", sum("NS-01", "reportingLevel: PROVINCE"));
    }

    private List<String> errorsOf(String yaml) {
        FrameworkException refusal = catchThrowableOfType(FrameworkException.class, () -> parser.parse(yaml));
        assertThat(refusal).as("the file should be refused").isNotNull();
        return refusal.errors();
    }
}
