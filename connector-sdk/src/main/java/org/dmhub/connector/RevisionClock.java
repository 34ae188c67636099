package org.dmhub.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one clock every way of publishing takes revisions from (files, {@link DmConnector}, the database poller):
 * epoch milliseconds, as the contract says a missing revision is the publish time in epoch milliseconds. Within one
 * connector process the revisions it gives one key ({@code indicator|area|period}) only ever grow: a second change
 * of a key in the same millisecond gets one more than the first, rather than the same revision (which the hub would
 * refuse as a conflict) or a lower one (counted as stale).
 *
 * <p>Thread-safe. What it remembers per key is forgotten a day after it was given, so a long-running poller does
 * not accumulate keys.
 */
public final class RevisionClock {

    /** Above this many remembered keys, those given a day or more ago are forgotten. */
    private static final int FORGET_ABOVE = 10_000;
    private static final Duration REMEMBERED = Duration.ofDays(1);

    private final Clock clock;
    private final Map<String, Given> lastGiven = new HashMap<>();
    private int forgetAbove = FORGET_ABOVE;

    /** The last revision given to a key, for the change it was given to and the time that change happened. */
    private record Given(long millis, long revision, Object change) {
    }

    public RevisionClock(Clock clock) {
        this.clock = clock;
    }

    /** The system's clock. */
    public static RevisionClock system() {
        return new RevisionClock(Clock.systemUTC());
    }

    /** The current time in epoch milliseconds. */
    public long millis() {
        return clock.millis();
    }

    /** The revision of a new change of {@code key} now: the current epoch millisecond, or more (see the class). */
    public long next(String key) {
        return at(key, clock.millis(), new Object());
    }

    /**
     * The revision of a change of {@code key} that happened at {@code millis} (epoch milliseconds), e.g. a database
     * row stamped then: {@code millis}, raised above the key's last revision when that was given at the same or a
     * later millisecond to another change. The same {@code change} asked again (a row read again) gets the same
     * revision; an earlier change read after a later one keeps its own time.
     *
     * @param change what tells this change from another of the same key (a row's watermark); equal means the same
     */
    public synchronized long at(String key, long millis, Object change) {
        Given last = lastGiven.get(key);
        if (last != null && last.change().equals(change)) {
            return last.revision();
        }
        if (last != null && millis < last.millis()) {
            return millis;
        }
        long revision = last != null && millis <= last.revision() ? last.revision() + 1 : millis;
        if (lastGiven.size() >= forgetAbove) {
            // a caller may pass a time well before now (a file's publish time, an old row's watermark): only what lies a
            // whole day back is forgotten, and the next look waits until the map has doubled, so no call pays a scan
            long horizon = clock.millis() - REMEMBERED.toMillis();
            lastGiven.values().removeIf(given -> given.revision() < horizon && given.millis() < horizon);
            forgetAbove = Math.max(FORGET_ABOVE, 2 * lastGiven.size());
        }
        lastGiven.put(key, new Given(millis, revision, change));
        return revision;
    }
}
