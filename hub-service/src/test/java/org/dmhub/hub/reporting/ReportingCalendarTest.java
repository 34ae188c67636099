package org.dmhub.hub.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.reporting.DeadlineRule.AfterPeriodEnd;
import org.dmhub.hub.reporting.DeadlineRule.DayOfLastMonth;
import org.dmhub.period.Period;
import org.dmhub.schemas.Periodicity;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Property;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ReportingCalendarTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final ReportingCalendar decree09 = ReportingCalendar.decree09();

    @Test
    void byDefaultReportsAreDueOnTheTwentyFifthOfThePeriodsLastMonth() {
        assertThat(decree09.deadline(period("2026-02"))).isEqualTo(Instant.parse("2026-02-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-12"))).isEqualTo(Instant.parse("2026-12-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-Q1"))).isEqualTo(Instant.parse("2026-03-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-Q4"))).isEqualTo(Instant.parse("2026-12-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-S1"))).isEqualTo(Instant.parse("2026-06-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-S2"))).isEqualTo(Instant.parse("2026-12-25T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026"))).isEqualTo(Instant.parse("2026-12-25T16:59:59.999Z"));
    }

    @Test
    void byDefaultADaysReportIsDueByTheEndOfTheNextDay() {
        assertThat(decree09.deadline(period("2026-10-05"))).isEqualTo(Instant.parse("2026-10-06T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-10-31"))).isEqualTo(Instant.parse("2026-11-01T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2026-12-31"))).isEqualTo(Instant.parse("2027-01-01T16:59:59.999Z"));
        assertThat(decree09.deadline(period("2028-02-28"))).isEqualTo(Instant.parse("2028-02-29T16:59:59.999Z"));
    }

    @Test
    void theDeadlineIsTheLastMillisecondOfTheDeadlineDayInTheCalendarsZone() {
        Instant deadline = decree09.deadline(period("2026-Q1"));

        assertThat(deadline.atZone(VIETNAM).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-25T23:59:59.999"));
        assertThat(deadline.plusMillis(1).atZone(VIETNAM).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-26T00:00"));
        assertThat(new ReportingCalendar(ZoneId.of("UTC"), Map.of()).deadline(period("2026-Q1")))
                .isEqualTo(Instant.parse("2026-03-25T23:59:59.999Z"));
        assertThat(new ReportingCalendar(ZoneId.of("+07:00"), Map.of()).deadline(period("2026-Q1"))).isEqualTo(deadline);
    }

    @Test
    void anOffsetRuleCountsDaysAfterThePeriodsLastDayAcrossTheYearEnd() {
        ReportingCalendar calendar = new ReportingCalendar(VIETNAM, Map.of(
                Periodicity.MONTHLY, new AfterPeriodEnd(10), Periodicity.QUARTERLY, new AfterPeriodEnd(0),
                Periodicity.YEARLY, new AfterPeriodEnd(45)));

        assertThat(calendar.deadlineDay(period("2026-12"))).isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(calendar.deadline(period("2026-12"))).isEqualTo(Instant.parse("2027-01-10T16:59:59.999Z"));
        assertThat(calendar.deadlineDay(period("2026-02"))).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(calendar.deadlineDay(period("2026-Q4"))).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(calendar.deadlineDay(period("2026"))).isEqualTo(LocalDate.of(2027, 2, 14));
        assertThat(calendar.deadlineDay(period("2026-S2"))).as("a periodicity without a rule keeps its default")
                .isEqualTo(LocalDate.of(2026, 12, 25));
    }

    @Test
    void aDayPastTheEndOfTheLastMonthIsItsLastDay() {
        ReportingCalendar calendar = new ReportingCalendar(VIETNAM, Map.of(
                Periodicity.MONTHLY, new DayOfLastMonth(31), Periodicity.QUARTERLY, new DayOfLastMonth(31),
                Periodicity.HALF_YEARLY, new DayOfLastMonth(30)));

        assertThat(calendar.deadlineDay(period("2026-02"))).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(calendar.deadlineDay(period("2028-02"))).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(calendar.deadlineDay(period("2026-04"))).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(calendar.deadlineDay(period("2026-01"))).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(calendar.deadlineDay(period("2026-Q2"))).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(calendar.deadlineDay(period("2026-Q1"))).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(calendar.deadlineDay(period("2026-S1"))).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(calendar.deadline(period("2028-02"))).isEqualTo(Instant.parse("2028-02-29T16:59:59.999Z"));
    }

    @Test
    void aPeriodIsGivenAsWrittenInObservations() {
        assertThat(decree09.deadline("2026-Q4", Periodicity.QUARTERLY)).isEqualTo(Instant.parse("2026-12-25T16:59:59.999Z"));
        assertThatThrownBy(() -> decree09.deadline("2026-10", Periodicity.QUARTERLY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026-10 is not a QUARTERLY period; write YYYY-Qn with n from 1 to 4 (e.g. 2026-Q3)");
    }

    @Test
    void rulesAreWrittenAsTheyAreRead() {
        for (String text : new String[] {"day-of-last-month:25", "day-of-last-month:1", "day-of-last-month:31",
                "after-period-end:P0D", "after-period-end:P10D", "after-period-end:P366D"}) {
            assertThat(DeadlineRule.parse(text)).hasToString(text);
        }
        assertThat(DeadlineRule.parse(" after-period-end:p5d ")).isEqualTo(new AfterPeriodEnd(5));
        assertThat(DeadlineRule.parse("day-of-last-month:07")).isEqualTo(new DayOfLastMonth(7));
    }

    @Test
    void withoutConfigurationTheCalendarIsDecree09InVietnam() {
        HubProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("dmhub", HubProperties.class);

        ReportingCalendar calendar = ReportingCalendar.from(properties.reporting());

        assertThat(calendar.timeZone()).isEqualTo(VIETNAM);
        for (Periodicity periodicity : Periodicity.values()) {
            assertThat(calendar.rule(periodicity)).isEqualTo(ReportingCalendar.decree09Rules().get(periodicity));
        }
        assertThat(calendar.rule(Periodicity.MONTHLY)).isEqualTo(new DayOfLastMonth(25));
        assertThat(calendar.rule(Periodicity.DAILY)).isEqualTo(new AfterPeriodEnd(1));
    }

    @Test
    void configuredDeadlinesAreFoundWhateverTheCaseAndSeparatorsOfThePeriodicity() {
        ReportingCalendar calendar = calendar(Map.of(
                "dmhub.reporting.time-zone", "UTC",
                "dmhub.reporting.deadlines.MONTHLY", "day-of-last-month:20",
                "dmhub.reporting.deadlines.HALF_YEARLY", "after-period-end:P15D",
                "dmhub.reporting.deadlines.quarterly", "after-period-end:P10D",
                "dmhub.reporting.deadlines[DAILY]", "after-period-end:P0D"));

        assertThat(calendar.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(calendar.deadline(period("2026-10"))).isEqualTo(Instant.parse("2026-10-20T23:59:59.999Z"));
        assertThat(calendar.rule(Periodicity.HALF_YEARLY)).isEqualTo(new AfterPeriodEnd(15));
        assertThat(calendar.rule(Periodicity.QUARTERLY)).isEqualTo(new AfterPeriodEnd(10));
        assertThat(calendar.rule(Periodicity.DAILY)).isEqualTo(new AfterPeriodEnd(0));
        assertThat(calendar.rule(Periodicity.YEARLY)).isEqualTo(new DayOfLastMonth(25));
    }

    @Test
    void environmentVariablesOverrideTheConfigurationFile() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.<String, Object>of(
                        "DMHUB_REPORTING_DEADLINES_HALF_YEARLY", "day-of-last-month:10",
                        "DMHUB_REPORTING_DEADLINES_MONTHLY", "day-of-last-month:15"));
        MapConfigurationPropertySource file = new MapConfigurationPropertySource(Map.of(
                "dmhub.reporting.deadlines.MONTHLY", "day-of-last-month:20",
                "dmhub.reporting.deadlines.HALF_YEARLY", "day-of-last-month:20"));
        HubProperties properties = new Binder(ConfigurationPropertySource.from(environment), file)
                .bindOrCreate("dmhub", HubProperties.class);

        ReportingCalendar calendar = ReportingCalendar.from(properties.reporting());

        assertThat(calendar.rule(Periodicity.MONTHLY)).isEqualTo(new DayOfLastMonth(15));
        assertThat(calendar.rule(Periodicity.HALF_YEARLY)).isEqualTo(new DayOfLastMonth(10));
    }

    @Test
    void aBadTimeZoneIsRefusedWithThePropertyName() {
        assertRefused(Map.of("dmhub.reporting.time-zone", "Asia/Hanoi"), "dmhub.reporting.time-zone: 'Asia/Hanoi' is "
                + "not a time zone; write a region such as Asia/Ho_Chi_Minh or an offset such as +07:00");
        assertRefused(Map.of("dmhub.reporting.time-zone", "+25:00"), "dmhub.reporting.time-zone: '+25:00' is not");
        assertRefused(reporting("", Map.of()), "dmhub.reporting.time-zone: '' is not a time zone");
    }

    @Test
    void aBadDeadlineRuleIsRefusedWithThePropertyNameAndTheValidForms() {
        assertRefused(Map.of("dmhub.reporting.deadlines.MONTHLY", "day-of-last-month:32"),
                "dmhub.reporting.deadlines.MONTHLY: 'day-of-last-month:32' is not a deadline rule; write "
                        + "day-of-last-month:D with D from 1 to 31 (e.g. day-of-last-month:25) or after-period-end:PnD "
                        + "with n from 0 to 366 days (e.g. after-period-end:P10D)");
        for (String bad : new String[] {"day-of-last-month:0", "day-of-last-month:-1", "day-of-last-month:",
                "day-of-last-month:25th", "after-period-end:P367D", "after-period-end:P1M", "after-period-end:P1W",
                "after-period-end:-P1D", "after-period-end:P-1D", "after-period-end:10", "after-period-end:P99999999999D",
                "25", "+5 days", "day 25", "DAY-OF-LAST-MONTH:25", ""}) {
            assertRefused(Map.of("dmhub.reporting.deadlines.QUARTERLY", bad),
                    "dmhub.reporting.deadlines.QUARTERLY: '" + bad + "' is not a deadline rule; write day-of-last-month:D");
        }
    }

    @Test
    void aDayOfTheLastMonthIsRefusedForDailyPeriods() {
        assertRefused(Map.of("dmhub.reporting.deadlines.DAILY", "day-of-last-month:25"),
                "dmhub.reporting.deadlines.DAILY: day-of-last-month:25 would fall before most of the days it judges; "
                        + "for DAILY write after-period-end:PnD (e.g. after-period-end:P1D)");
        assertThatThrownBy(() -> new ReportingCalendar(VIETNAM, Map.of(Periodicity.DAILY, new DayOfLastMonth(31))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownPeriodicityIsRefusedWithTheKnownOnes() {
        assertRefused(Map.of("dmhub.reporting.deadlines.WEEKLY", "after-period-end:P1D"),
                "dmhub.reporting.deadlines.WEEKLY: WEEKLY is not a periodicity; deadlines are set for DAILY, MONTHLY, "
                        + "QUARTERLY, HALF_YEARLY, YEARLY");
    }

    @Test
    void twoDifferentRulesForOnePeriodicityAreRefused() {
        Map<String, String> deadlines = new HashMap<>();
        deadlines.put("MONTHLY", "day-of-last-month:20");
        deadlines.put("monthly", "day-of-last-month:15");
        assertRefused(reporting("Asia/Ho_Chi_Minh", deadlines), "dmhub.reporting.deadlines.monthly: day-of-last-month:15 "
                + "contradicts dmhub.reporting.deadlines.MONTHLY: day-of-last-month:20; set the deadline of MONTHLY once");
    }

    @Test
    void aDeadlineIsNeverBeforeItsPeriodStarts() {
        Property.forAll(2000, draw -> {
            Period period = draw.compose(ReportingCalendarTest::period);
            DeadlineRule rule = draw.compose(rules -> rule(rules, period.periodicity()));
            ZoneId zone = ZoneId.of(draw.oneOf("Asia/Ho_Chi_Minh", "UTC", "America/New_York", "Pacific/Kiritimati",
                    "Pacific/Pago_Pago", "America/Santiago"));
            ReportingCalendar calendar = new ReportingCalendar(zone, Map.of(period.periodicity(), rule));

            Instant deadline = calendar.deadline(period);

            assertThat(deadline).isAfter(period.firstDay().atStartOfDay(zone).toInstant());
            assertThat(deadline.atZone(zone).toLocalDate()).isEqualTo(calendar.deadlineDay(period));
            assertThat(deadline.plusMillis(1)).isEqualTo(calendar.deadlineDay(period).plusDays(1).atStartOfDay(zone).toInstant());
            if (rule instanceof AfterPeriodEnd) {
                assertThat(calendar.deadlineDay(period)).isAfterOrEqualTo(period.lastDay());
            }
        });
    }

    @Test
    void byDefaultADeadlineLiesInThePeriodsLastMonthAndADaysOnTheNextDay() {
        Property.forAll(1000, draw -> {
            Period period = draw.compose(ReportingCalendarTest::period);
            LocalDate deadlineDay = decree09.deadline(period).atZone(VIETNAM).toLocalDate();

            if (period.periodicity() == Periodicity.DAILY) {
                assertThat(deadlineDay).isEqualTo(period.lastDay().plusDays(1));
            } else {
                assertThat(YearMonth.from(deadlineDay)).isEqualTo(period.lastMonth());
                assertThat(deadlineDay.getDayOfMonth()).isEqualTo(25);
            }
        });
    }

    /** A period of any periodicity from 1900 to 2999. */
    private static Period period(Draw draw) {
        LocalDate first = LocalDate.of(1900, 1, 1);
        Periodicity periodicity = draw.oneOf(Periodicity.class);
        return containing(periodicity, first.plusDays(draw.longBetween(0, ChronoUnit.DAYS.between(first, LocalDate.of(2999, 12, 31)))));
    }

    /** A deadline rule the calendar accepts for {@code periodicity} (a day of the last month is refused for days). */
    private static DeadlineRule rule(Draw draw, Periodicity periodicity) {
        if (periodicity != Periodicity.DAILY && draw.bool()) {
            return new DayOfLastMonth(draw.intBetween(1, 31));
        }
        return new AfterPeriodEnd(draw.intBetween(0, AfterPeriodEnd.MAX_DAYS));
    }

    private static Period containing(Periodicity periodicity, LocalDate day) {
        String text = switch (periodicity) {
            case DAILY -> day.toString();
            case MONTHLY -> YearMonth.from(day).toString();
            case QUARTERLY -> day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
            case HALF_YEARLY -> day.getYear() + "-S" + ((day.getMonthValue() - 1) / 6 + 1);
            case YEARLY -> Integer.toString(day.getYear());
        };
        return Period.parse(text, periodicity).orElseThrow();
    }

    private static Period period(String text) {
        return Period.parse(text).orElseThrow();
    }

    private static ReportingCalendar calendar(Map<String, String> properties) {
        return ReportingCalendar.from(new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("dmhub", HubProperties.class).reporting());
    }

    private static HubProperties.Reporting reporting(String timeZone, Map<String, String> deadlines) {
        return new HubProperties.Reporting(timeZone, deadlines, Duration.ofMinutes(1), 3);
    }

    private static void assertRefused(Map<String, String> properties, String messageStart) {
        assertThatThrownBy(() -> calendar(properties)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(messageStart);
    }

    private static void assertRefused(HubProperties.Reporting reporting, String messageStart) {
        assertThatThrownBy(() -> ReportingCalendar.from(reporting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart);
    }
}
