package org.dmhub.hub.derivation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.UnitInputChange;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.support.StageOutput;

/**
 * What the consolidation sends the derivation stage when a unit's value changes: one change per RATIO or
 * WEIGHTED_AVERAGE roll-up the value is an input of, keyed {@code target|period} so that every unit of a target
 * and period meets in one task.
 */
public final class DerivedInputs {

    /** The inputs of derived roll-ups, keyed {@code target|period}. */
    public static final StageOutput<UnitInputChange> OUTPUT = new StageOutput<>("derived-inputs", UnitInputChange.class);

    private DerivedInputs() {
    }

    /** @param value the unit's consolidated value now (null when retracted) */
    public static List<KeyValue<String, UnitInputChange>> changed(CatalogSnapshot framework, String indicator, String area,
            String period, BigDecimal value) {
        List<CatalogSnapshot.DerivedInput> targets = framework.derivedInputsOf(indicator);
        if (targets.isEmpty()) {
            return List.of();
        }
        List<KeyValue<String, UnitInputChange>> changes = new ArrayList<>(targets.size());
        for (CatalogSnapshot.DerivedInput target : targets) {
            changes.add(KeyValue.pair(target.target() + RecordKeys.SEPARATOR + period,
                    new UnitInputChange(area, target.companion(), value)));
        }
        return changes;
    }
}
