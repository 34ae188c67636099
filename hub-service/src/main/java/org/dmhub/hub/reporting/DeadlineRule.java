package org.dmhub.hub.reporting;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmhub.period.Period;

/**
 * Which day reports for a period are due: the deadline is the end of that day in the calendar's time zone. Written
 * in configuration as {@code day-of-last-month:D} or {@code after-period-end:PnD}.
 */
public sealed interface DeadlineRule {

    /** How a rule is written, for messages. */
    String SYNTAX = "day-of-last-month:D with D from 1 to 31 (e.g. day-of-last-month:25) or after-period-end:PnD "
            + "with n from 0 to " + AfterPeriodEnd.MAX_DAYS + " days (e.g. after-period-end:P10D)";

    /** The day by whose end reports for the period are due. */
    LocalDate deadlineDay(Period period);

    /**
     * Day {@code day} of the period's last month (the month itself, or the last month of a quarter, half-year or
     * year). A day past the end of that month means its last day: day 31 of a 30-day month is the 30th, of February
     * 2028 the 29th.
     */
    record DayOfLastMonth(int day) implements DeadlineRule {

        public DayOfLastMonth {
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("day " + day + " of the last month is not a day from 1 to 31");
            }
        }

        @Override
        public LocalDate deadlineDay(Period period) {
            YearMonth month = period.lastMonth();
            return month.atDay(Math.min(day, month.lengthOfMonth()));
        }

        @Override
        public String toString() {
            return "day-of-last-month:" + day;
        }
    }

    /** {@code days} days after the period's last day; 0 is the last day itself. */
    record AfterPeriodEnd(int days) implements DeadlineRule {

        /** A year and a day: the longest delay a rule may give. */
        public static final int MAX_DAYS = 366;

        public AfterPeriodEnd {
            if (days < 0 || days > MAX_DAYS) {
                throw new IllegalArgumentException(days + " days after the period's end is not from 0 to " + MAX_DAYS);
            }
        }

        @Override
        public LocalDate deadlineDay(Period period) {
            return period.lastDay().plusDays(days);
        }

        @Override
        public String toString() {
            return "after-period-end:P" + days + "D";
        }
    }

    /**
     * Reads a rule as written in configuration: {@code day-of-last-month:25} or {@code after-period-end:P10D}
     * (an ISO-8601 number of days). Spaces around the text are ignored.
     *
     * @throws IllegalArgumentException naming the text and the valid forms
     */
    static DeadlineRule parse(String text) {
        Matcher matcher = Pattern.compile("day-of-last-month:(?<day>\\d{1,9})|after-period-end:[pP](?<days>\\d{1,9})[dD]")
                .matcher(text == null ? "" : text.strip());
        if (matcher.matches()) {
            try {
                if (matcher.group("day") != null) {
                    return new DayOfLastMonth(Integer.parseInt(matcher.group("day")));
                }
                return new AfterPeriodEnd(Integer.parseInt(matcher.group("days")));
            } catch (IllegalArgumentException outOfRange) {
                // a day or a number of days out of range: refused below with the valid forms
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a deadline rule; write " + SYNTAX);
    }
}
