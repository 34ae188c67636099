package org.dmhub.testsupport.property;

import java.util.SplittableRandom;

/**
 * Checks a property on generated cases. Each case draws its inputs from a seed of its own; a failure names the case,
 * its seed and what was drawn, and {@code -Ddmhub.property.seed=SEED} runs that one case again
 * (with Maven: {@code ./mvnw verify -Dtest=Class#method -Ddmhub.property.seed=SEED}).
 * The seeds of a run come from {@code -Ddmhub.property.runSeed} when given, otherwise from a fresh random one, so
 * every run explores other cases.
 */
public final class Property {

    public static final String SEED = "dmhub.property.seed";
    public static final String RUN_SEED = "dmhub.property.runSeed";

    private Property() {
    }

    /** A check of one case; it fails by throwing (an AssertJ assertion, typically). */
    @FunctionalInterface
    public interface Check {
        void check(Draw draw) throws Exception;
    }

    /**
     * Runs {@code check} on {@code cases} generated cases and returns how many ran.
     *
     * @throws AssertionError on the first case that fails, naming its seed
     */
    public static int forAll(int cases, Check check) {
        String replay = System.getProperty(SEED);
        if (replay != null && !replay.isBlank()) {
            runCase(Long.parseLong(replay.trim()), 1, 1, check);
            return 1;
        }
        String runSeed = System.getProperty(RUN_SEED);
        SplittableRandom seeds = runSeed == null || runSeed.isBlank() ? new SplittableRandom()
                : new SplittableRandom(Long.parseLong(runSeed.trim()));
        for (int index = 1; index <= cases; index++) {
            runCase(seeds.nextLong(), index, cases, check);
        }
        return cases;
    }

    private static void runCase(long seed, int index, int cases, Check check) {
        Draw draw = new Draw(seed);
        try {
            check.check(draw);
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            throw new AssertionError("property failed on case " + index + " of " + cases + ", seed " + seed
                    + " (run it alone with -D" + SEED + "=" + seed + ")\ndrawn: " + String.join(", ", draw.drawn())
                    + "\n" + failure, failure);
        }
    }
}
