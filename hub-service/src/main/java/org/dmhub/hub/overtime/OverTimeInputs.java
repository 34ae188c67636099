package org.dmhub.hub.overtime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.catalog.RollupStage;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * What the consolidation sends the roll-up over time at each emit for each indicator-period whose units
 * changed: every unit's value of the period, for the indicator itself (unless its {@code overTime} is NONE) and for
 * each RATIO or WEIGHTED_AVERAGE it is an input of, keyed {@code indicator|year} so that every span of an indicator's
 * year (its quarters, half-years and the year) is rolled up in one task. One record per indicator-period, not per
 * observation. A YEARLY value has no span to be rolled up over.
 */
public final class OverTimeInputs {

    /** The inputs of roll-ups over time, keyed {@code indicator|year}. */
    public static final StageOutput<PeriodInputsChange> OUTPUT = new StageOutput<>("over-time-inputs", PeriodInputsChange.class);

    private OverTimeInputs() {
    }

    /**
     * @param values every reporting unit's consolidated value of the indicator for the period now (null when retracted),
     *     as the consolidation reads them at the emit after a change
     */
    public static List<KeyValue<String, PeriodInputsChange>> changed(CatalogSnapshot framework, IndicatorDefinition indicator,
            String period, Map<String, BigDecimal> values) {
        Optional<Period> parsed = Period.parse(period, indicator.getPeriodicity());
        if (parsed.isEmpty() || parsed.get().spans().isEmpty()) {
            return List.of();
        }
        int year = parsed.get().firstDay().getYear();
        List<KeyValue<String, PeriodInputsChange>> changes = new ArrayList<>(2);
        if (indicator.getActive() && RollupStage.of(indicator) == RollupStage.CONSOLIDATION && SpanRollup.rollsUpOverTime(indicator)) {
            changes.add(KeyValue.pair(SpanRollup.yearKey(indicator.getCode(), year), new PeriodInputsChange(period, false, values)));
        }
        for (CatalogSnapshot.DerivedInput target : framework.derivedInputsOf(indicator.getCode())) {
            boolean samePeriodicity = framework.indicator(target.target())
                    .map(IndicatorDefinition::getPeriodicity).filter(indicator.getPeriodicity()::equals).isPresent();
            if (samePeriodicity) {
                changes.add(KeyValue.pair(SpanRollup.yearKey(target.target(), year),
                        new PeriodInputsChange(period, target.companion(), values)));
            }
        }
        return changes;
    }
}
