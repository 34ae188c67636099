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
import org.dmhub.schemas.AdminArea;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private final FrameworkParser parser = new FrameworkParser();

    @Test
    void everyMisspelledFieldIsReportedAtItsOwnIndicator() {
        Property.forAll(200, draw -> everyMisspelledFieldIsReportedAtItsOwnIndicator(draw.compose(FrameworkPropertiesTest::misspellings)));
    }

    private void everyMisspelledFieldIsReportedAtItsOwnIndicator(List<Boolean> misspelled) {
        String[] indicators = IntStream.range(0, misspelled.size())
                .mapToObj(index -> misspelled.get(index) ? sum("IN-" + index, "unitt: hộ") : sum("IN-" + index))
                .toArray(String[]::new);
        List<String> expected = IntStream.range(0, misspelled.size())
                .filter(misspelled::get)
                .mapToObj(index -> "indicators[" + index + "].unitt: unknown field; valid fields are code, name, nameEn, unit, "
                        + "periodicity, aggregation, reportingLevel, owner, kind, statisticalLink, nationalCode, validRange, "
                        + "numerator, denominator, factor, weight, overTime")
                .toList();

        assertThat(errorsOf(withIndicators(indicators))).containsExactlyElementsOf(expected);
    }

    @Test
    void decimalsWithinTheWireLimitsArriveExactlyAtScaleTwelve() {
        Property.forAll(300, draw -> {
            BigDecimal value = draw.compose(FrameworkPropertiesTest::wireDecimal);
            String yaml = withIndicators(sum("NS-01", "validRange: {min: " + value.toPlainString() + "}"));

            BigDecimal validMin = parser.parse(yaml).indicator("NS-01").orElseThrow().getValidMin();

            assertThat(validMin.scale()).isEqualTo(12);
            assertThat(validMin).isEqualByComparingTo(value);
        });
    }

    @Test
    void decimalsWithMoreThanTwelvePlacesAreRefusedNotRounded() {
        Property.forAll(100, draw -> {
            BigDecimal value = draw.compose(FrameworkPropertiesTest::wireDecimal);
            BigDecimal tooPrecise = value.setScale(12).add(BigDecimal.valueOf(draw.intBetween(1, 9), 13));
            String yaml = withIndicators(sum("NS-01", "validRange: {max: " + tooPrecise.toPlainString() + "}"));

            assertThat(errorsOf(yaml)).containsExactly("indicators[0].validRange.max: " + tooPrecise.toPlainString()
                    + " has more than 12 decimal places; use at most 12");
        });
    }

    @Test
    void areaTreesOfAnyShapeAreAccepted() {
        Property.forAll(200, draw -> {
            List<Integer> parentChoices = draw.compose(FrameworkPropertiesTest::parentChoices);
            List<String> areas = tree(parentChoices);

            List<AdminArea> parsed = parser.parse(withAreas(areas)).areas();

            assertThat(parsed).hasSize(areas.size());
            for (int index = 1; index < parsed.size(); index++) {
                assertThat(parsed.get(index).getParentCode()).isEqualTo(areaCode(parentChoices.get(index - 1)));
            }
        });
    }

    @Test
    void everyCycleOfAreasIsReportedOnce() {
        Property.forAll(200, draw -> {
            List<Integer> parentChoices = draw.compose(FrameworkPropertiesTest::parentChoices);
            int cycleLength = draw.intBetween(2, 6);
            List<String> areas = new ArrayList<>(tree(parentChoices));
            for (int step = 0; step < cycleLength; step++) {
                areas.add("{code: \"C" + step + "\", name: Vòng, level: COMMUNE, parent: \"C" + (step + 1) % cycleLength + "\"}");
            }

            assertThat(errorsOf(withAreas(areas))).singleElement().asString()
                    .startsWith("areas[" + (parentChoices.size() + 1) + "].parent: C0 → C1")
                    .endsWith(" → C0 is a cycle; every area must lead up to the province");
        });
    }

    /** 1 to 12 indicators, at least one of them with a misspelled field. */
    private static List<Boolean> misspellings(Draw draw) {
        List<Boolean> misspelled = new ArrayList<>(draw.listOf(1, 12, Draw::bool));
        if (!misspelled.contains(true)) {
            misspelled.set(draw.intBetween(0, misspelled.size() - 1), true);
        }
        return misspelled;
    }

    /** Any decimal of at most 38 digits, 12 of them at most after the point. */
    private static BigDecimal wireDecimal(Draw draw) {
        int scale = draw.intBetween(0, 12);
        BigInteger bound = BigInteger.TEN.pow(26 + scale).subtract(BigInteger.ONE);
        return new BigDecimal(draw.bigIntegerBetween(bound.negate(), bound), scale);
    }

    /** Area {@code i + 1} hangs under one of the areas before it; area 0 is the province. */
    private static List<Integer> parentChoices(Draw draw) {
        List<Integer> choices = draw.listOf(0, 30, element -> element.intBetween(0, 30));
        return IntStream.range(0, choices.size()).mapToObj(index -> choices.get(index) % (index + 1)).toList();
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
