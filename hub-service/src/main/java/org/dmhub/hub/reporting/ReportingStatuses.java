package org.dmhub.hub.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.ReportingState;
import org.dmhub.schemas.ReportingStatus;

/**
 * The reporting status of one indicator and period: how many units the framework expects (the areas of the
 * indicator's reporting level), how many reported, how many by the deadline, and the state the calendar gives.
 * One place for the computation, used by the stream processing and by the API for periods nobody reported yet.
 */
public final class ReportingStatuses {

    private final Catalog catalog;
    private final ReportingCalendar calendar;

    public ReportingStatuses(Catalog catalog, ReportingCalendar calendar) {
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** The indicators a department reports (a reporting level and an owner), active ones only. */
    public List<IndicatorDefinition> reportedIndicators() {
        return catalog.indicators().stream()
                .filter(indicator -> indicator.getActive() && indicator.getReportingLevel() != null && indicator.getOwner() != null)
                .toList();
    }

    /** The status from the units' reception times; empty when the indicator or period is not one the calendar judges. */
    public Optional<ReportingStatus> status(IndicatorDefinition indicator, String period, Map<String, Long> receptions, Instant now) {
        Optional<Period> parsed = Period.parse(period, indicator.getPeriodicity());
        if (parsed.isEmpty() || indicator.getReportingLevel() == null) {
            return Optional.empty();
        }
        Instant deadline = calendar.deadline(parsed.get());
        Collection<Instant> times = receptions.values().stream().map(Instant::ofEpochMilli).toList();
        int expected = catalog.province()
                .map(province -> catalog.areaTree().unitsUnder(province.getCode(), indicator.getReportingLevel())).orElse(0);
        ReportingState state = ReportingJudgement.state(expected, times, deadline, now);
        Instant last = times.stream().max(Instant::compareTo).orElse(null);
        return Optional.of(ReportingStatus.newBuilder()
                .setDepartment(indicator.getOwner())
                .setIndicator(indicator.getCode())
                .setPeriod(period)
                .setExpected(expected)
                .setReceived(times.size())
                .setReceivedOnTime(ReportingJudgement.onTime(times, deadline))
                .setState(state)
                .setDeadline(deadline)
                .setLastReceivedAt(last)
                .setComputedAt(now)
                .build());
    }

    /** The periods of the indicator whose deadline passed most recently, newest first ({@code count} of them). */
    public List<String> lastDuePeriods(IndicatorDefinition indicator, Instant now, int count) {
        Period period = Period.containing(indicator.getPeriodicity(), now.atZone(calendar.timeZone()).toLocalDate());
        List<String> due = new ArrayList<>();
        for (int looked = 0; due.size() < count && looked < count + 3; looked++) {
            if (calendar.deadline(period).isBefore(now)) {
                due.add(period.toString());
            }
            period = period.previous();
        }
        return due;
    }

    /** Two statuses say the same, whenever computed. */
    public static boolean same(ReportingStatus one, ReportingStatus other) {
        return other != null && one.getState() == other.getState() && one.getExpected() == other.getExpected()
                && one.getReceived() == other.getReceived() && one.getReceivedOnTime() == other.getReceivedOnTime()
                && one.getDeadline().equals(other.getDeadline());
    }
}
