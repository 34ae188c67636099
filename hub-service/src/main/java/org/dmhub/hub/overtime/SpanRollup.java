package org.dmhub.hub.overtime;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.aggregation.TemporalRollup;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;

/**
 * An indicator rolled up over consecutive periods of one year (a quarter's months, or January to the month asked for
 * the year-to-date) from the roll-up over time's inputs store ({@code indicator|year|period}), by
 * {@link TemporalRollup}: the stage's rule, and the API's for year-to-date values.
 */
public final class SpanRollup {

    private SpanRollup() {
    }

    /** Whether an indicator has values over spans of its periods: a rule over time other than NONE, and a periodicity finer than a year. */
    public static boolean rollsUpOverTime(IndicatorDefinition indicator) {
        return indicator.getPeriodicity() != Periodicity.YEARLY
                && TemporalRollup.overTimeOf(indicator) != OverTime.NONE;
    }

    /**
     * @param periods consecutive periods of the indicator's periodicity, all of one year
     * @param inputs the stored inputs of a period, by key of the inputs store ({@code indicator|year|period}); null when none
     * @return by area; empty when the indicator has no reporting level
     */
    public static Map<String, AreaResult> of(CatalogSnapshot framework, IndicatorDefinition indicator, List<Period> periods,
            Function<String, PeriodInputs> inputs) {
        String unitLevel = framework.unitLevel(indicator).orElse(null);
        if (unitLevel == null || periods.isEmpty()) {
            return Map.of();
        }
        BigDecimal factor = indicator.getFactor() == null ? BigDecimal.ONE : indicator.getFactor();
        return TemporalRollup.compute(indicator.getAggregation(), TemporalRollup.overTimeOf(indicator), factor,
                framework.areaTree(), unitLevel, periods.size(), inputsOver(inputs, indicator.getCode(), periods));
    }

    /** The store key prefix of an indicator's inputs of one year, which also says which task holds them. */
    public static String yearKey(String indicator, int year) {
        return indicator + RecordKeys.SEPARATOR + year;
    }

    /** A period's stored inputs with the consolidation's latest values of one input in: every unit of the change is set. */
    static PeriodInputs withChange(PeriodInputs stored, PeriodInputsChange change) {
        Map<String, PeriodUnitInputs> units = new HashMap<>(stored == null ? Map.of() : stored.getUnits());
        change.getValues().forEach((unit, value) -> {
            PeriodUnitInputs current = units.get(unit);
            PeriodUnitInputs updated = current == null ? new PeriodUnitInputs(null, null)
                    : new PeriodUnitInputs(current.getValue(), current.getCompanion());
            if (change.getCompanion()) {
                updated.setCompanion(value);
            } else {
                updated.setValue(value);
            }
            units.put(unit, updated);
        });
        return new PeriodInputs(units);
    }

    /** Each unit's inputs for the given periods: one stored entry per period. */
    static Map<String, NavigableMap<Period, UnitInput>> inputsOver(Function<String, PeriodInputs> inputs,
            String indicator, List<Period> periods) {
        Map<String, NavigableMap<Period, UnitInput>> byUnit = new HashMap<>();
        String year = yearKey(indicator, periods.get(0).firstDay().getYear()) + RecordKeys.SEPARATOR;
        for (Period period : periods) {
            PeriodInputs stored = inputs.apply(year + period);
            if (stored != null) {
                stored.getUnits().forEach((unit, input) -> byUnit.computeIfAbsent(unit, any -> new TreeMap<>())
                        .put(period, new UnitInput(input.getValue(), input.getCompanion())));
            }
        }
        return byUnit;
    }
}
