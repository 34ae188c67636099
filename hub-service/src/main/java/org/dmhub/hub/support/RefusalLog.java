package org.dmhub.hub.support;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.dmhub.schemas.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lines for the operator's log about refusals, without a line per refused record: a department's first refusal is
 * logged at once, and the ones after it as one line per department and interval, with how many and why, when the
 * next refusal comes after the interval. The rejected topic and {@code GET /api/rejections} hold every refusal.
 */
public final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    public RefusalLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** @return the line logged for this refusal, or null when it is only counted for a later line */
    public String refused(String department, List<RejectionReason> reasons) {
        String who = department == null ? "a topic of no department" : department;
        Tally tally = tallies.computeIfAbsent(who, any -> new Tally());
        String line;
        synchronized (tally) {
            reasons.forEach(reason -> tally.reasons.merge(reason, 1, Integer::sum));
            tally.refused++;
            long now = clock.millis();
            if (tally.loggedAt != Long.MIN_VALUE && now - tally.loggedAt < interval.toMillis()) {
                return null;
            }
            line = tally.refused + (tally.refused == 1 ? " observation" : " observations") + " of " + who + " refused"
                    + (tally.loggedAt == Long.MIN_VALUE ? "" : " since the last line") + " ("
                    + tally.reasons.entrySet().stream().map(entry -> entry.getKey() + " ×" + entry.getValue())
                            .collect(Collectors.joining(", "))
                    + "); the rejected topic and GET /api/rejections have each one";
            tally.loggedAt = now;
            tally.refused = 0;
            tally.reasons.clear();
        }
        log.warn("{}", line);
        return line;
    }

    private static final class Tally {
        private long loggedAt = Long.MIN_VALUE;
        private int refused;
        private final Map<RejectionReason, Integer> reasons = new EnumMap<>(RejectionReason.class);
    }
}
