package org.dmhub.hub.overtime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.catalog.RollupStage;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * What the consolidation sends the roll-up over time when a unit's value for a period changes: one change for the
 * indicator itself (unless its {@code overTime} is NONE) and one for each RATIO or WEIGHTED_AVERAGE it is an input of,
 * keyed {@code indicator|year} so that every span of an indicator's year (its quarters, half-years and the year)
 * is rolled up in one task. A YEARLY value has no span to be rolled up over.
 */
public final class OverTimeInputs {

    /** The inputs of roll-ups over time, keyed {@code indicator|year}. */
    public static final StageOutput<PeriodInputChange> OUTPUT = new StageOutput<>("over-time-inputs", PeriodInputChange.class);

    private OverTimeInputs() {
    }

    /** @param value the unit's consolidated value now (null when retracted) */
    public static List<KeyValue<String, PeriodInputChange>> changed(CatalogSnapshot framework, String indicator, String area,
            String period, BigDecimal value) {
        Optional<Period> parsed = Period.parse(period);
        if (parsed.isEmpty() || parsed.get().spans().isEmpty()) {
            return List.of();
        }
        int year = parsed.get().firstDay().getYear();
        List<KeyValue<String, PeriodInputChange>> changes = new ArrayList<>(2);
        framework.indicator(indicator)
                .filter(own -> own.getActive() && RollupStage.of(own) == RollupStage.CONSOLIDATION && SpanRollup.rollsUpOverTime(own))
                .filter(own -> own.getPeriodicity() == parsed.get().periodicity())
                .ifPresent(own -> changes.add(KeyValue.pair(SpanRollup.yearKey(indicator, year),
                        new PeriodInputChange(area, period, false, value))));
        for (CatalogSnapshot.DerivedInput target : framework.derivedInputsOf(indicator)) {
            boolean samePeriodicity = framework.indicator(target.target())
                    .map(IndicatorDefinition::getPeriodicity).filter(parsed.get().periodicity()::equals).isPresent();
            if (samePeriodicity) {
                changes.add(KeyValue.pair(SpanRollup.yearKey(target.target(), year),
                        new PeriodInputChange(area, period, target.companion(), value)));
            }
        }
        return changes;
    }
}
