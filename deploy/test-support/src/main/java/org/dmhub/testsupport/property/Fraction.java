package org.dmhub.testsupport.property;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact rational number, for property tests that work a definition out independently of the production code's
 * decimal arithmetic (which rounds once, half-even to 12 places: {@link #rounded}).
 */
public record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {
    public static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

    public static Fraction of(BigDecimal value) {
        return value.scale() >= 0 ? new Fraction(value.unscaledValue(), BigInteger.TEN.pow(value.scale()))
                : new Fraction(value.toBigIntegerExact(), BigInteger.ONE);
    }

    public Fraction plus(Fraction other) {
        return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Fraction minus(Fraction other) {
        return plus(new Fraction(other.numerator.negate(), other.denominator));
    }

    public Fraction abs() {
        return new Fraction(numerator.abs(), denominator);
    }

    public Fraction times(Fraction other) {
        return new Fraction(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Fraction dividedBy(Fraction other) {
        BigInteger sign = BigInteger.valueOf(other.numerator.signum());
        return new Fraction(numerator.multiply(other.denominator).multiply(sign), denominator.multiply(other.numerator.abs()));
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** Half-even to 12 decimal places. */
    public BigDecimal rounded() {
        BigInteger scaled = numerator.multiply(BigInteger.TEN.pow(12));
        BigInteger[] division = scaled.divideAndRemainder(denominator);
        BigInteger quotient = division[0];
        int twiceRemainder = division[1].abs().shiftLeft(1).compareTo(denominator);
        if (twiceRemainder > 0 || (twiceRemainder == 0 && quotient.testBit(0))) {
            quotient = quotient.add(BigInteger.valueOf(scaled.signum()));
        }
        return new BigDecimal(quotient, 12);
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }
}
