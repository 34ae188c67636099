package org.dmhub.hub.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.OverTime;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Fraction;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.Test;

/**
 * The span's value of every area equals its definition, worked out here area by area in exact fractions from the
 * unit-months under it (rounded once at the end), on random trees, rules and reports.
 */
class TemporalRollupPropertyTest {

    private static final List<Period> QUARTER = List.of(Period.parse("2026-04").orElseThrow(), Period.parse("2026-05").orElseThrow(),
            Period.parse("2026-06").orElseThrow());

    @Test
    void everyAreasSpanValueIsItsDefinitionOverItsUnitMonths() {
        Property.forAll(500, draw -> {
            List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "P", "PROVINCE", null)));
            Map<String, List<String>> communesUnder = new HashMap<>();
            communesUnder.put("P", new ArrayList<>());
            int districts = draw.intBetween(1, 3);
            for (int d = 1; d <= districts; d++) {
                String district = "D" + d;
                areas.add(new AdminArea(district, district, "DISTRICT", "P"));
                communesUnder.put(district, new ArrayList<>());
                for (int c = 1, communes = draw.intBetween(1, 3); c <= communes; c++) {
                    String commune = district + "C" + c;
                    areas.add(new AdminArea(commune, commune, "COMMUNE", district));
                    communesUnder.put(commune, List.of(commune));
                    communesUnder.get(district).add(commune);
                    communesUnder.get("P").add(commune);
                }
            }
            Aggregation rule = draw.oneOf(Aggregation.class);
            OverTime overTime = draw.oneOf(OverTime.class);
            BigDecimal factor = draw.oneOf(BigDecimal.ONE, new BigDecimal(100), new BigDecimal("0.001"));
            Map<String, NavigableMap<Period, UnitInput>> inputs = new HashMap<>();
            for (String commune : communesUnder.get("P")) {
                NavigableMap<Period, UnitInput> months = new TreeMap<>();
                for (Period month : QUARTER) {
                    if (draw.intBetween(0, 3) > 0) {
                        months.put(month, new UnitInput(draw.intBetween(0, 4) == 0 ? null : decimal(draw),
                                draw.intBetween(0, 4) == 0 ? null : decimal(draw)));
                    }
                }
                inputs.put(commune, months);
            }

            Map<String, AreaResult> computed = TemporalRollup.compute(rule, overTime, factor, new AreaTree(areas), "COMMUNE", 3, inputs);

            Map<String, AreaResult> expected = new HashMap<>();
            boolean fromComponents = rule == Aggregation.RATIO || rule == Aggregation.WEIGHTED_AVERAGE;
            if (fromComponents || overTime != OverTime.NONE) {
                for (AdminArea area : areas) {
                    if (rule == Aggregation.NONE && !area.getLevel().equals("COMMUNE")) {
                        continue;
                    }
                    List<String> units = communesUnder.get(area.getCode());
                    Definition value = fromComponents ? components(rule, factor, units, inputs) : overTimeThenAcross(rule, overTime, units, inputs);
                    // an area with a unit that has inputs, even none with data, is in the result (without a value then)
                    if (units.stream().anyMatch(inputs::containsKey)) {
                        // a stock (LAST) takes one period per unit: it is expected once per unit
                        int periodsExpected = overTime == OverTime.LAST && !fromComponents ? 1 : 3;
                        expected.put(area.getCode(), new AreaResult(value.value == null ? null : value.value.rounded(), value.contributing,
                                units.size() * periodsExpected));
                    }
                }
            }
            assertThat(computed).isEqualTo(expected);
        });
    }

    private record Definition(Fraction value, int contributing) {
    }

    private static Definition components(Aggregation rule, BigDecimal factor, List<String> units,
            Map<String, NavigableMap<Period, UnitInput>> inputs) {
        Fraction numerator = Fraction.ZERO;
        Fraction denominator = Fraction.ZERO;
        int contributing = 0;
        for (String unit : units) {
            for (UnitInput month : inputs.get(unit).values()) {
                if (month.value() != null && month.companion() != null) {
                    Fraction value = Fraction.of(month.value());
                    Fraction companion = Fraction.of(month.companion());
                    numerator = numerator.plus(rule == Aggregation.RATIO ? value : value.times(companion));
                    denominator = denominator.plus(companion);
                    contributing++;
                }
            }
        }
        if (contributing == 0 || denominator.isZero()) {
            return new Definition(null, contributing);
        }
        Fraction ratio = numerator.dividedBy(denominator);
        return new Definition(rule == Aggregation.RATIO ? ratio.times(Fraction.of(factor)) : ratio, contributing);
    }

    private static Definition overTimeThenAcross(Aggregation rule, OverTime overTime, List<String> units,
            Map<String, NavigableMap<Period, UnitInput>> inputs) {
        List<Fraction> unitValues = new ArrayList<>();
        int contributing = 0;
        for (String unit : units) {
            List<Fraction> months = inputs.get(unit).values().stream().filter(month -> month.value() != null)
                    .map(month -> Fraction.of(month.value())).toList();
            if (months.isEmpty()) {
                continue;
            }
            contributing += overTime == OverTime.LAST ? 1 : months.size();
            unitValues.add(switch (overTime) {
                case SUM -> sum(months);
                case AVERAGE -> sum(months).dividedBy(Fraction.of(BigDecimal.valueOf(months.size())));
                case LAST -> months.get(months.size() - 1);
                case MIN -> months.stream().min(Fraction::compareTo).orElseThrow();
                case MAX -> months.stream().max(Fraction::compareTo).orElseThrow();
                case NONE -> throw new IllegalStateException();
            });
        }
        if (unitValues.isEmpty()) {
            return new Definition(null, 0);
        }
        return new Definition(switch (rule) {
            case SUM, NONE -> sum(unitValues);
            case AVERAGE -> sum(unitValues).dividedBy(Fraction.of(BigDecimal.valueOf(unitValues.size())));
            case MIN -> unitValues.stream().min(Fraction::compareTo).orElseThrow();
            case MAX -> unitValues.stream().max(Fraction::compareTo).orElseThrow();
            case RATIO, WEIGHTED_AVERAGE -> throw new IllegalStateException();
        }, contributing);
    }

    private static Fraction sum(List<Fraction> values) {
        return values.stream().reduce(Fraction.ZERO, Fraction::plus);
    }

    /** A value with up to 3 decimals between -1000 and 1000, zero often. */
    private static BigDecimal decimal(Draw draw) {
        return draw.intBetween(0, 5) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(draw.intBetween(-1_000_000, 1_000_000), draw.intBetween(0, 3));
    }
}
