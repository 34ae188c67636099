package org.dmhub.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Values travel as Avro {@code decimal(38,12)}: exact, with at most 26 integer and 12 fractional digits. */
public final class Decimals {

    public static final int SCALE = 12;
    public static final int PRECISION = 38;
    /** Divided results (averages, ratios, completeness) are rounded this way to {@link #SCALE}. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Decimals() {
    }

    /** True when the value needs more than 12 fractional digits (such a value is refused, never rounded). */
    public static boolean exceedsScale(BigDecimal value) {
        return value.stripTrailingZeros().scale() > SCALE;
    }

    /** True when the value has more than 26 integer digits. */
    public static boolean exceedsPrecision(BigDecimal value) {
        return value.precision() - value.scale() > PRECISION - SCALE;
    }

    /** The value at the wire scale. Only call on a value for which {@link #exceedsScale} is false. */
    public static BigDecimal toWireScale(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** {@code dividend / divisor}, rounded half-even to the wire scale. */
    /** A wire value as people write it, without the scale's trailing zeros: 92, not 92.000000000000; null stays null. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, SCALE, ROUNDING);
    }
}
