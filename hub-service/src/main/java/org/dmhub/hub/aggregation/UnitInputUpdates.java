package org.dmhub.hub.aggregation;

import java.math.BigDecimal;

/** A reporting unit's stored inputs with one of them changed. */
public final class UnitInputUpdates {

    private UnitInputUpdates() {
    }

    /**
     * @param current what the unit contributed so far; null when nothing
     * @param companion whether the change is of the companion (a weight, a denominator) or of the value
     * @param value the input's new value; null when retracted
     */
    public static UnitInputs with(UnitInputs current, boolean companion, BigDecimal value) {
        UnitInputs updated = current == null ? new UnitInputs(null, null) : new UnitInputs(current.getValue(), current.getCompanion());
        if (companion) {
            updated.setCompanion(value);
        } else {
            updated.setValue(value);
        }
        return updated;
    }
}
