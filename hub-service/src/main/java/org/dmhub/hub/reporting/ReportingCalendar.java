package org.dmhub.hub.reporting;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.reporting.DeadlineRule.AfterPeriodEnd;
import org.dmhub.hub.reporting.DeadlineRule.DayOfLastMonth;
import org.dmhub.period.Period;
import org.dmhub.schemas.Periodicity;

/**
 * When reports for a period are due: one {@link DeadlineRule} per periodicity and a time zone. The deadline is the
 * last millisecond of the deadline day in that zone (23:59:59.999 local); a report received at that instant is on
 * time, one received from the next day's first millisecond is late.
 *
 * <p>By default every periodicity but DAILY is due on day 25 of the period's last month: Decree 09/2019/ND-CP,
 * Art. 13, has ministries and provincial People's Committees send periodic reports to the Government no later than
 * the 25th of the last month of the reporting period. A province sets its own departments' deadlines, usually
 * earlier, through {@code dmhub.reporting.deadlines}. A day's report is due by the end of the following day.
 */
public final class ReportingCalendar {

    /** Vietnam's time zone (UTC+07:00, no daylight saving). */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    static final String TIME_ZONE_PROPERTY = "dmhub.reporting.time-zone";
    static final String DEADLINES_PROPERTY = "dmhub.reporting.deadlines";

    private final ZoneId timeZone;
    private final Map<Periodicity, DeadlineRule> rules;

    /**
     * @param rules the rule of each periodicity; a periodicity without one takes its {@linkplain #decree09Rules()
     *     default}
     * @throws IllegalArgumentException for a day-of-last-month rule for DAILY, which would fall before most days
     */
    public ReportingCalendar(ZoneId timeZone, Map<Periodicity, DeadlineRule> rules) {
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.rules = new EnumMap<>(decree09Rules());
        rules.forEach((periodicity, rule) -> {
            requireApplicable(periodicity, rule);
            this.rules.put(periodicity, rule);
        });
    }

    /** The defaults in the hub's time zone, {@link #DEFAULT_TIME_ZONE}. */
    public static ReportingCalendar decree09() {
        return new ReportingCalendar(DEFAULT_TIME_ZONE, Map.of());
    }

    /** Day 25 of the period's last month for MONTHLY, QUARTERLY, HALF_YEARLY and YEARLY; the next day for DAILY. */
    public static Map<Periodicity, DeadlineRule> decree09Rules() {
        Map<Periodicity, DeadlineRule> rules = new EnumMap<>(Periodicity.class);
        for (Periodicity periodicity : Periodicity.values()) {
            rules.put(periodicity, periodicity == Periodicity.DAILY ? new AfterPeriodEnd(1) : new DayOfLastMonth(25));
        }
        return rules;
    }

    /**
     * The calendar that {@code dmhub.reporting.*} configures. Periodicities are matched whatever their case and
     * separators ({@code HALF_YEARLY}, {@code half-yearly}, {@code halfyearly}).
     *
     * @throws IllegalArgumentException naming the property whose value is not valid, and what would be
     */
    public static ReportingCalendar from(HubProperties.Reporting properties) {
        ZoneId zone = timeZone(properties.timeZone());
        Map<Periodicity, DeadlineRule> rules = new EnumMap<>(Periodicity.class);
        Map<Periodicity, String> keys = new EnumMap<>(Periodicity.class);
        Map<String, String> deadlines = properties.deadlines() == null ? Map.of() : new TreeMap<>(properties.deadlines());
        deadlines.forEach((key, value) -> {
            String property = DEADLINES_PROPERTY + "." + key;
            Periodicity periodicity = periodicity(key).orElseThrow(() -> new IllegalArgumentException(property + ": "
                    + key + " is not a periodicity; deadlines are set for " + Arrays.stream(Periodicity.values())
                            .map(Periodicity::name).collect(Collectors.joining(", "))));
            DeadlineRule rule;
            try {
                rule = DeadlineRule.parse(value);
                requireApplicable(periodicity, rule);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException(property + ": " + refused.getMessage(), refused);
            }
            DeadlineRule earlier = rules.put(periodicity, rule);
            if (earlier != null && !earlier.equals(rule)) {
                throw new IllegalArgumentException(property + ": " + rule + " contradicts " + DEADLINES_PROPERTY + "."
                        + keys.get(periodicity) + ": " + earlier + "; set the deadline of " + periodicity + " once");
            }
            keys.put(periodicity, key);
        });
        return new ReportingCalendar(zone, rules);
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public DeadlineRule rule(Periodicity periodicity) {
        return rules.get(periodicity);
    }

    /** The day by whose end reports for the period are due, in the calendar's time zone. */
    public LocalDate deadlineDay(Period period) {
        return rules.get(period.periodicity()).deadlineDay(period);
    }

    /** The last millisecond of the deadline day in the calendar's time zone: reports received later are late. */
    public Instant deadline(Period period) {
        return deadlineDay(period).plusDays(1).atStartOfDay(timeZone).toInstant().minusMillis(1);
    }

    /**
     * The deadline of a period written as in observations ({@code 2026-10}, {@code 2026-Q4}, {@code 2026-S2} ...).
     *
     * @throws IllegalArgumentException when the text is not a period of that periodicity
     */
    public Instant deadline(String period, Periodicity periodicity) {
        return deadline(Period.parse(period, periodicity).orElseThrow(() -> new IllegalArgumentException(
                period + " is not a " + periodicity + " period; write " + Period.form(periodicity))));
    }

    @Override
    public String toString() {
        return "ReportingCalendar[" + timeZone + ", " + rules + "]";
    }

    private static void requireApplicable(Periodicity periodicity, DeadlineRule rule) {
        if (periodicity == Periodicity.DAILY && rule instanceof DayOfLastMonth) {
            throw new IllegalArgumentException(rule + " would fall before most of the days it judges; for DAILY write "
                    + "after-period-end:PnD (e.g. after-period-end:P1D)");
        }
    }

    private static ZoneId timeZone(String text) {
        if (text == null) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException notAZone) {
            throw new IllegalArgumentException(TIME_ZONE_PROPERTY + ": '" + text + "' is not a time zone; write a "
                    + "region such as Asia/Ho_Chi_Minh or an offset such as +07:00", notAZone);
        }
    }

    private static Optional<Periodicity> periodicity(String key) {
        String letters = key.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(Periodicity.values())
                .filter(periodicity -> periodicity.name().replace("_", "").equals(letters))
                .findFirst();
    }
}
