package org.dmhub.validation;

import java.math.BigDecimal;
import java.math.MathContext;
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
        // in long: precision - scale overflows an int for an exponent such as 1e2147483647
        return (long) value.precision() - value.scale() > PRECISION - SCALE;
    }

    /**
     * The length of the value's plain form ({@link BigDecimal#toPlainString()}), computed without writing it: the plain
     * form of {@code 1e2147483647} has two billion digits, more than a string can hold.
     */
    public static long plainLength(BigDecimal value) {
        long digits = value.precision();
        long scale = value.scale();
        if (value.signum() == 0) {
            // zero is written 0, or 0. and its scale's zeros: never with the zeros of a positive exponent
            return scale > 0 ? scale + 2 : 1;
        }
        long sign = value.signum() < 0 ? 1 : 0;
        if (scale <= 0) {
            return sign + digits - scale;
        }
        return sign + (scale >= digits ? scale + 2 : digits + 1);
    }

    /**
     * The value as a message shows it: its plain form (as {@link BigDecimal#toPlainString()}) when that is at most
     * {@link #MAX_SHOWN_LENGTH} characters long, otherwise in scientific notation with at most 20 significant digits
     * ({@code 1E+2147483647}), so that a hostile value can neither exhaust memory nor flood the message.
     */
    public static String show(BigDecimal value) {
        if (plainLength(value) <= MAX_SHOWN_LENGTH) {
            return value.toPlainString();
        }
        try {
            BigDecimal rounded = value.round(new MathContext(20, RoundingMode.HALF_EVEN));
            return rounded.compareTo(value) == 0 ? rounded.toString() : "about " + rounded;
        } catch (ArithmeticException exponentOverflow) {
            return "a number of " + value.precision() + " digits with the exponent " + -(long) value.scale();
        }
    }

    /** Plain forms longer than this are shown in scientific notation by {@link #show}. */
    public static final int MAX_SHOWN_LENGTH = 64;

    /** The value at the wire scale. Only call on a value for which {@link #exceedsScale} is false. */
    public static BigDecimal toWireScale(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** A wire value as people write it, without the scale's trailing zeros: 92, not 92.000000000000; null stays null. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code dividend / divisor}, rounded half-even to the wire scale. */
    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, SCALE, ROUNDING);
    }
}
