package org.dmhub.hub.overtime;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.aggregation.TemporalRollup;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.aggregation.UnitInputs;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;

/**
 * An indicator rolled up over consecutive periods of one year (a quarter's months, or January to the month asked for
 * the year-to-date) from the roll-up over time's inputs store ({@code indicator|year|period|unit}), by
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
     * @return by area; empty when the indicator has no reporting level
     */
    public static Map<String, AreaResult> of(CatalogSnapshot framework, IndicatorDefinition indicator, List<Period> periods,
            ReadOnlyKeyValueStore<String, UnitInputs> inputs) {
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

    /**
     * Each unit's inputs for the given periods: a range of keys, the periods of one periodicity sorting as they follow
     * each other within a year.
     */
    static Map<String, NavigableMap<Period, UnitInput>> inputsOver(ReadOnlyKeyValueStore<String, UnitInputs> inputs,
            String indicator, List<Period> periods) {
        Map<String, NavigableMap<Period, UnitInput>> byUnit = new HashMap<>();
        Period first = periods.get(0);
        Period last = periods.get(periods.size() - 1);
        String year = yearKey(indicator, first.firstDay().getYear()) + RecordKeys.SEPARATOR;
        try (KeyValueIterator<String, UnitInputs> range = inputs.range(year + first + RecordKeys.SEPARATOR,
                year + last + RecordKeys.SEPARATOR + '\uffff')) {
            range.forEachRemaining(entry -> {
                String periodAndUnit = entry.key.substring(year.length());
                int separator = periodAndUnit.indexOf(RecordKeys.SEPARATOR);
                Optional<Period> period = Period.parse(periodAndUnit.substring(0, separator), first.periodicity());
                if (period.isPresent() && period.get().compareTo(first) >= 0 && period.get().compareTo(last) <= 0) {
                    byUnit.computeIfAbsent(periodAndUnit.substring(separator + 1), any -> new TreeMap<>())
                            .put(period.get(), new UnitInput(entry.value.getValue(), entry.value.getCompanion()));
                }
            });
        }
        return byUnit;
    }
}
