package org.dmhub.testsupport.property;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The inputs of one generated case, all drawn from one seed, so that the case can be drawn again exactly.
 * Ranges are inclusive; about one draw in eight lands on a bound of its range, where off-by-one mistakes live.
 * Every value drawn at the top level is remembered, to be shown when the property fails.
 */
public final class Draw {

    private static final int EDGE_ONE_IN = 8;

    private final SplittableRandom random;
    private final List<String> drawn = new ArrayList<>();
    private int depth;

    Draw(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    public long longBetween(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        long value;
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            value = random.nextBoolean() ? min : max;
        } else if (max == Long.MAX_VALUE) {
            value = min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
        } else {
            value = random.nextLong(min, max + 1);
        }
        return remember(value);
    }

    public BigInteger bigIntegerBetween(BigInteger min, BigInteger max) {
        BigInteger span = max.subtract(min);
        if (span.signum() < 0) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        BigInteger value;
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            value = random.nextBoolean() ? min : max;
        } else {
            // the number of digits is drawn first, so that small and large magnitudes are both common
            int bits = 1 + random.nextInt(span.bitLength());
            BigInteger offset;
            do {
                offset = new BigInteger(bits, new Random(random.nextLong()));
            } while (offset.compareTo(span) > 0);
            value = min.add(offset);
        }
        return remember(value);
    }

    public boolean bool() {
        return remember(random.nextBoolean());
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return oneOf(Arrays.asList(choices));
    }

    public <T> T oneOf(List<T> choices) {
        return remember(choices.get(random.nextInt(choices.size())));
    }

    public <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(type.getEnumConstants());
    }

    /** A list of {@code minSize} to {@code maxSize} elements, each drawn by {@code element}. */
    public <T> List<T> listOf(int minSize, int maxSize, Function<Draw, T> element) {
        depth++;
        List<T> list = new ArrayList<>();
        try {
            int size = intBetween(minSize, maxSize);
            for (int index = 0; index < size; index++) {
                list.add(element.apply(this));
            }
        } finally {
            depth--;
        }
        return remember(list);
    }

    /** A value built from several draws, remembered as one. */
    public <T> T compose(Function<Draw, T> builder) {
        depth++;
        T value;
        try {
            value = builder.apply(this);
        } finally {
            depth--;
        }
        return remember(value);
    }

    /** A {@link Random} seeded from this case, for shuffles and the like. */
    public Random random() {
        return new Random(longBetween(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    List<String> drawn() {
        return drawn;
    }

    private <T> T remember(T value) {
        if (depth == 0) {
            drawn.add(String.valueOf(value));
        }
        return value;
    }
}
