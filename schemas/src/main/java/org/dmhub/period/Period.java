package org.dmhub.period;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmhub.schemas.Periodicity;

/**
 * A reporting period: {@code YYYY}, {@code YYYY-Sn} (half-year), {@code YYYY-Qn}, {@code YYYY-MM} or
 * {@code YYYY-MM-DD}. The form fixes the periodicity. Years run from 1900 to 2999, which catches most typing
 * mistakes in a year without refusing any real report.
 */
public record Period(Periodicity periodicity, LocalDate firstDay, LocalDate lastDay) implements Comparable<Period> {

    private static final Pattern FORM = Pattern.compile(
            "(?<year>\\d{4})(?:-S(?<half>\\d)|-Q(?<quarter>\\d)|-(?<month>\\d{2})(?:-(?<day>\\d{2}))?)?");

    /** Parses any of the five forms; empty when the text is none of them. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group("year"));
        if (year < 1900 || year > 2999) {
            return Optional.empty();
        }
        try {
            if (matcher.group("half") != null) {
                return months(Periodicity.HALF_YEARLY, year, Integer.parseInt(matcher.group("half")), 6, 2);
            }
            if (matcher.group("quarter") != null) {
                return months(Periodicity.QUARTERLY, year, Integer.parseInt(matcher.group("quarter")), 3, 4);
            }
            if (matcher.group("day") != null) {
                LocalDate day = LocalDate.of(year, Integer.parseInt(matcher.group("month")), Integer.parseInt(matcher.group("day")));
                return Optional.of(new Period(Periodicity.DAILY, day, day));
            }
            if (matcher.group("month") != null) {
                return months(Periodicity.MONTHLY, year, Integer.parseInt(matcher.group("month")), 1, 12);
            }
            return months(Periodicity.YEARLY, year, 1, 12, 1);
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** Parses a period that must have the given periodicity; empty otherwise. */
    public static Optional<Period> parse(String text, Periodicity expected) {
        return parse(text).filter(period -> period.periodicity() == expected);
    }

    /** How a period of this periodicity is written, for messages: {@code YYYY-MM (e.g. 2026-10)}. */
    public static String form(Periodicity periodicity) {
        return switch (periodicity) {
            case DAILY -> "YYYY-MM-DD (e.g. 2026-10-31)";
            case MONTHLY -> "YYYY-MM (e.g. 2026-10)";
            case QUARTERLY -> "YYYY-Qn with n from 1 to 4 (e.g. 2026-Q3)";
            case HALF_YEARLY -> "YYYY-Sn with n 1 or 2 (e.g. 2026-S1)";
            case YEARLY -> "YYYY (e.g. 2026)";
        };
    }

    private static Optional<Period> months(Periodicity periodicity, int year, int index, int length, int count) {
        if (index < 1 || index > count) {
            return Optional.empty();
        }
        YearMonth first = YearMonth.of(year, (index - 1) * length + 1);
        YearMonth last = first.plusMonths(length - 1L);
        return Optional.of(new Period(periodicity, first.atDay(1), last.atEndOfMonth()));
    }

    /** The period of this periodicity that holds {@code day}. */
    public static Period containing(Periodicity periodicity, LocalDate day) {
        int year = day.getYear();
        int month = day.getMonthValue();
        return switch (periodicity) {
            case DAILY -> new Period(Periodicity.DAILY, day, day);
            case MONTHLY -> months(Periodicity.MONTHLY, year, month, 1, 12).orElseThrow();
            case QUARTERLY -> months(Periodicity.QUARTERLY, year, (month - 1) / 3 + 1, 3, 4).orElseThrow();
            case HALF_YEARLY -> months(Periodicity.HALF_YEARLY, year, (month - 1) / 6 + 1, 6, 2).orElseThrow();
            case YEARLY -> months(Periodicity.YEARLY, year, 1, 12, 1).orElseThrow();
        };
    }

    /** The period of the same periodicity just before this one. */
    public Period previous() {
        return containing(periodicity, firstDay.minusDays(1));
    }

    /**
     * The coarser periods that hold this one, finest first: a month's quarter, half-year and year; a day's month
     * upwards. Those are the spans a value of this periodicity is rolled up over.
     */
    public List<Period> spans() {
        List<Period> spans = new ArrayList<>(4);
        for (Periodicity coarser : Periodicity.values()) {
            if (coarser.ordinal() > periodicity.ordinal()) {
                spans.add(containing(coarser, firstDay));
            }
        }
        return spans;
    }

    /** The periods of a periodicity as fine as this one's or finer that this period holds, in order: a quarter's three months. */
    public List<Period> periodsOf(Periodicity finer) {
        if (finer.ordinal() > periodicity.ordinal()) {
            throw new IllegalArgumentException("a " + periodicity + " period holds no " + finer + " periods");
        }
        List<Period> periods = new ArrayList<>();
        for (Period period = containing(finer, firstDay); !period.firstDay.isAfter(lastDay); period = period.next()) {
            periods.add(period);
        }
        return periods;
    }

    /** Whether this period lies within {@code span} (a month within its quarter, or the period itself). */
    public boolean isWithin(Period span) {
        return !firstDay.isBefore(span.firstDay) && !lastDay.isAfter(span.lastDay);
    }

    /** The period of the same periodicity a year earlier: the same month, quarter or day of the previous year. */
    public Period sameTimeLastYear() {
        return containing(periodicity, firstDay.minusYears(1));
    }

    /** The period of the same periodicity just after this one. */
    public Period next() {
        return containing(periodicity, lastDay.plusDays(1));
    }

    /** The month holding the period's last day: the period's own month, or the last month of a quarter, half or year. */
    public YearMonth lastMonth() {
        return YearMonth.from(lastDay);
    }

    @Override
    public String toString() {
        int year = firstDay.getYear();
        return switch (periodicity) {
            case DAILY -> firstDay.toString();
            // not String.format: the hub names a period at every roll-up over time and every API request
            case MONTHLY -> year + (firstDay.getMonthValue() < 10 ? "-0" : "-") + firstDay.getMonthValue();
            case QUARTERLY -> year + "-Q" + ((firstDay.getMonthValue() - 1) / 3 + 1);
            case HALF_YEARLY -> year + "-S" + ((firstDay.getMonthValue() - 1) / 6 + 1);
            case YEARLY -> Integer.toString(year);
        };
    }

    @Override
    public int compareTo(Period other) {
        int byStart = firstDay.compareTo(other.firstDay);
        return byStart != 0 ? byStart : lastDay.compareTo(other.lastDay);
    }
}
