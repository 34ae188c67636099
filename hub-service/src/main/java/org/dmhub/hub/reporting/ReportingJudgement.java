package org.dmhub.hub.reporting;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import org.dmhub.schemas.ReportingState;

/**
 * How a department's reporting of one indicator for one period stands against its deadline. The rule, in one place:
 *
 * <table>
 * <caption>state of a reporting, from its units' reports</caption>
 * <tr><th></th><th>until the deadline</th><th>after the deadline</th></tr>
 * <tr><td>every expected unit reported by the deadline</td><td>ON_TIME</td><td>ON_TIME</td></tr>
 * <tr><td>every expected unit reported, some after the deadline</td><td>—</td><td>LATE</td></tr>
 * <tr><td>some units reported, not all</td><td>PENDING</td><td>LATE (incomplete)</td></tr>
 * <tr><td>no unit reported</td><td>PENDING</td><td>MISSING</td></tr>
 * </table>
 *
 * <p>The deadline is inclusive: a report received at the deadline instant is on time, and the deadline has passed
 * only once "now" is after it. Times are compared to the millisecond, as Kafka timestamps are: a reception at
 * 23:59:59.999 and 400 µs counts as 23:59:59.999. A period that expects no unit owes nothing and is ON_TIME. Once the
 * deadline has passed the state can only move from MISSING to LATE: a report arriving late never makes a reporting
 * ON_TIME.
 */
public final class ReportingJudgement {

    private ReportingJudgement() {
    }

    /**
     * The state from counts of reporting units.
     *
     * @param expected units the catalog expects to report
     * @param received units that reported (more than expected counts as all)
     * @param receivedOnTime units that reported by the deadline; at most {@code received}
     * @throws IllegalArgumentException for a negative count, or more units on time than received
     */
    public static ReportingState state(int expected, int received, int receivedOnTime, Instant deadline, Instant now) {
        if (expected < 0 || receivedOnTime < 0 || receivedOnTime > received) {
            throw new IllegalArgumentException("expected " + expected + ", received " + received + ", on time "
                    + receivedOnTime + ": counts must be 0 or more, with no more on time than received");
        }
        if (received >= expected) {
            return receivedOnTime >= expected ? ReportingState.ON_TIME : ReportingState.LATE;
        }
        if (!hasPassed(deadline, now)) {
            return ReportingState.PENDING;
        }
        return received == 0 ? ReportingState.MISSING : ReportingState.LATE;
    }

    /**
     * The state from the reception times of the units that reported.
     *
     * @param receptions one instant per unit that reported: when it first reported a value for the period
     */
    public static ReportingState state(int expected, Collection<Instant> receptions, Instant deadline, Instant now) {
        return state(expected, receptions.size(), onTime(receptions, deadline), deadline, now);
    }

    /** How many of the receptions were by the deadline. */
    public static int onTime(Collection<Instant> receptions, Instant deadline) {
        return (int) receptions.stream().filter(receivedAt -> isOnTime(receivedAt, deadline)).count();
    }

    /** Whether a report received then is on time: not after the deadline, to the millisecond. */
    public static boolean isOnTime(Instant receivedAt, Instant deadline) {
        return !hasPassed(deadline, receivedAt);
    }

    /** Whether the deadline is over at {@code now}: {@code now} is after it, to the millisecond. */
    public static boolean hasPassed(Instant deadline, Instant now) {
        return now.truncatedTo(ChronoUnit.MILLIS).isAfter(deadline.truncatedTo(ChronoUnit.MILLIS));
    }
}
