package org.dmhub.hub.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dmhub.schemas.ReportingState.LATE;
import static org.dmhub.schemas.ReportingState.MISSING;
import static org.dmhub.schemas.ReportingState.ON_TIME;
import static org.dmhub.schemas.ReportingState.PENDING;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.dmhub.period.Period;
import org.dmhub.schemas.ReportingState;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.Test;

class ReportingJudgementTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final long DAY = 86_400_000L;

    /** 2026-Q1 under the default calendar: 2026-03-25 23:59:59.999 in Vietnam. */
    private static final Instant DEADLINE = ReportingCalendar.decree09().deadline(Period.parse("2026-Q1").orElseThrow());

    private static final Instant BEFORE = local("2026-03-20T09:00");
    private static final Instant AFTER = local("2026-04-02T09:00");

    @Test
    void everyUnitByTheDeadlineIsOnTimeBeforeAndAfterIt() {
        List<Instant> receptions = List.of(local("2026-03-10T08:00"), local("2026-03-19T17:30"), local("2026-03-20T08:59"));

        assertThat(ReportingJudgement.state(3, receptions, DEADLINE, BEFORE)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(3, receptions, DEADLINE, AFTER)).isEqualTo(ON_TIME);
    }

    @Test
    void everyUnitButOneAfterTheDeadlineIsLate() {
        List<Instant> receptions = List.of(local("2026-03-10T08:00"), local("2026-03-19T17:30"), local("2026-03-27T10:00"));

        assertThat(ReportingJudgement.state(3, receptions, DEADLINE, AFTER)).isEqualTo(LATE);
    }

    @Test
    void someUnitsMissingAfterTheDeadlineIsLate() {
        assertThat(ReportingJudgement.state(3, List.of(local("2026-03-10T08:00")), DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(3, List.of(local("2026-03-30T08:00")), DEADLINE, AFTER)).isEqualTo(LATE);
    }

    @Test
    void noUnitAfterTheDeadlineIsMissing() {
        assertThat(ReportingJudgement.state(3, List.of(), DEADLINE, AFTER)).isEqualTo(MISSING);
        assertThat(ReportingJudgement.state(1, List.of(), DEADLINE, DEADLINE.plusMillis(1))).isEqualTo(MISSING);
    }

    @Test
    void beforeTheDeadlineAnIncompleteReportingIsPending() {
        assertThat(ReportingJudgement.state(3, List.of(), DEADLINE, BEFORE)).isEqualTo(PENDING);
        assertThat(ReportingJudgement.state(3, List.of(local("2026-03-10T08:00")), DEADLINE, BEFORE)).isEqualTo(PENDING);
        assertThat(ReportingJudgement.state(3, List.of(local("2026-03-10T08:00"), local("2026-03-12T08:00")), DEADLINE,
                local("2026-03-25T23:59:59"))).isEqualTo(PENDING);
    }

    @Test
    void theDeadlineInstantItselfIsStillOnTime() {
        assertThat(ReportingJudgement.isOnTime(DEADLINE, DEADLINE)).isTrue();
        assertThat(ReportingJudgement.isOnTime(DEADLINE.plusMillis(1), DEADLINE)).isFalse();
        assertThat(ReportingJudgement.isOnTime(DEADLINE.plusNanos(999_999), DEADLINE)).as("within the deadline's millisecond").isTrue();
        assertThat(ReportingJudgement.hasPassed(DEADLINE, DEADLINE)).isFalse();
        assertThat(ReportingJudgement.hasPassed(DEADLINE, DEADLINE.plusMillis(1))).isTrue();

        assertThat(ReportingJudgement.state(2, List.of(BEFORE, DEADLINE), DEADLINE, AFTER)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(2, List.of(BEFORE, DEADLINE.plusMillis(1)), DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(2, List.of(BEFORE), DEADLINE, DEADLINE)).isEqualTo(PENDING);
        assertThat(ReportingJudgement.state(2, List.of(BEFORE), DEADLINE, DEADLINE.plusMillis(1))).isEqualTo(LATE);
    }

    @Test
    void theDeadlineIsTheEndOfTheTwentyFifthInVietnam() {
        assertThat(DEADLINE).isEqualTo(Instant.parse("2026-03-25T16:59:59.999Z"));
        assertThat(ReportingJudgement.state(1, List.of(local("2026-03-25T23:00")), DEADLINE, AFTER)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(1, List.of(local("2026-03-25T23:59:59.999")), DEADLINE, AFTER)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(1, List.of(local("2026-03-26T00:00")), DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(1, List.of(local("2026-03-31T12:00")), DEADLINE, AFTER)).as("still in Q1, but late")
                .isEqualTo(LATE);
        assertThat(ReportingJudgement.state(1, List.of(local("2026-04-01T08:00")), DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(1, List.of(Instant.parse("2026-03-25T17:30:00Z")), DEADLINE, AFTER))
                .as("still the 25th in UTC, already the 26th in Vietnam").isEqualTo(LATE);
    }

    @Test
    void aPeriodThatExpectsNoUnitOwesNothing() {
        assertThat(ReportingJudgement.state(0, List.of(), DEADLINE, BEFORE)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(0, List.of(), DEADLINE, AFTER)).isEqualTo(ON_TIME);
    }

    @Test
    void moreUnitsThanExpectedCountAsAll() {
        assertThat(ReportingJudgement.state(2, 3, 2, DEADLINE, AFTER)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(2, 3, 1, DEADLINE, AFTER)).isEqualTo(LATE);
    }

    @Test
    void countsAgreeWithReceptions() {
        assertThat(ReportingJudgement.state(3, 3, 3, DEADLINE, AFTER)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.state(3, 3, 2, DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(3, 2, 2, DEADLINE, AFTER)).isEqualTo(LATE);
        assertThat(ReportingJudgement.state(3, 0, 0, DEADLINE, AFTER)).isEqualTo(MISSING);
        assertThat(ReportingJudgement.state(3, 2, 2, DEADLINE, BEFORE)).isEqualTo(PENDING);
        assertThat(ReportingJudgement.state(3, 3, 3, DEADLINE, BEFORE)).isEqualTo(ON_TIME);
        assertThat(ReportingJudgement.onTime(List.of(BEFORE, DEADLINE, AFTER), DEADLINE)).isEqualTo(2);
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThatThrownBy(() -> ReportingJudgement.state(-1, 0, 0, DEADLINE, AFTER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportingJudgement.state(3, 1, 2, DEADLINE, AFTER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 3, received 1, on time 2: counts must be 0 or more, with no more on time than received");
        assertThatThrownBy(() -> ReportingJudgement.state(3, 1, -1, DEADLINE, AFTER)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Units report at random times around the deadline; the state is judged at two moments, each time with the
     * receptions made so far. Later never turns LATE or MISSING into ON_TIME, never undoes ON_TIME, and never returns
     * to PENDING once the deadline has passed.
     */
    @Test
    void laterReceptionsNeverMakeALateReportingOnTime() {
        Property.forAll(2000, draw -> laterReceptionsNeverMakeALateReportingOnTime(draw.intBetween(0, 6), offsets(draw),
                draw.longBetween(-5 * DAY, 6 * DAY), draw.longBetween(0, 6 * DAY)));
    }

    private static void laterReceptionsNeverMakeALateReportingOnTime(int expected, List<Long> offsets, long first, long later) {
        List<Instant> receptions = offsets.stream().limit(expected).map(DEADLINE::plusMillis).toList();
        Instant earlierNow = DEADLINE.plusMillis(first);
        Instant laterNow = earlierNow.plusMillis(later);

        ReportingState before = ReportingJudgement.state(expected, receivedBy(receptions, earlierNow), DEADLINE, earlierNow);
        ReportingState after = ReportingJudgement.state(expected, receivedBy(receptions, laterNow), DEADLINE, laterNow);

        if (before == LATE || before == MISSING) {
            assertThat(after).isIn(LATE, MISSING);
        }
        if (before == LATE) {
            assertThat(after).isEqualTo(LATE);
        }
        if (before == ON_TIME) {
            assertThat(after).isEqualTo(ON_TIME);
        }
        if (ReportingJudgement.hasPassed(DEADLINE, earlierNow)) {
            assertThat(after).isNotEqualTo(PENDING);
        }
        if (after == ON_TIME) {
            assertThat(ReportingJudgement.onTime(receptions, DEADLINE)).isGreaterThanOrEqualTo(expected);
        }
    }

    @Test
    void theStateFollowsTheTable() {
        Property.forAll(1000, draw -> theStateFollowsTheTable(draw.intBetween(0, 6), offsets(draw), draw.longBetween(-5 * DAY, 6 * DAY)));
    }

    private static void theStateFollowsTheTable(int expected, List<Long> offsets, long nowOffset) {
        Instant now = DEADLINE.plusMillis(nowOffset);
        List<Instant> receptions = receivedBy(offsets.stream().limit(expected).map(DEADLINE::plusMillis).toList(), now);
        long late = receptions.stream().filter(DEADLINE::isBefore).count();
        boolean all = receptions.size() == expected;

        ReportingState state = ReportingJudgement.state(expected, receptions, DEADLINE, now);

        if (!now.isAfter(DEADLINE)) {
            assertThat(state).isEqualTo(all ? ON_TIME : PENDING);
        } else if (all) {
            assertThat(state).isEqualTo(late == 0 ? ON_TIME : LATE);
        } else {
            assertThat(state).isEqualTo(receptions.isEmpty() ? MISSING : LATE);
        }
    }

    /** Up to six reception times, each up to five days either side of the deadline. */
    private static List<Long> offsets(Draw draw) {
        return draw.listOf(0, 6, element -> element.longBetween(-5 * DAY, 5 * DAY));
    }

    private static List<Instant> receivedBy(List<Instant> receptions, Instant now) {
        return receptions.stream().filter(receivedAt -> !receivedAt.isAfter(now)).toList();
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(VIETNAM).toInstant();
    }
}
