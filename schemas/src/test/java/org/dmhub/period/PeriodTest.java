package org.dmhub.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dmhub.schemas.Periodicity;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void eachFormHasItsPeriodicityAndBounds() {
        assertThat(Period.parse("2026")).hasValue(new Period(Periodicity.YEARLY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        assertThat(Period.parse("2026-S2")).hasValue(new Period(Periodicity.HALF_YEARLY, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)));
        assertThat(Period.parse("2026-Q1")).hasValue(new Period(Periodicity.QUARTERLY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        assertThat(Period.parse("2024-02")).hasValue(new Period(Periodicity.MONTHLY, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(Period.parse("2026-10-31")).hasValue(new Period(Periodicity.DAILY, LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 31)));
    }

    @Test
    void malformedPeriodsAreRefused() {
        for (String text : new String[] {"", "26", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-S3", "2026-02-30",
                "2026-1", "2026/10", "2026-10-1", "0226", "3026", " 2026", "2026-q1", "2026-H1"}) {
            assertThat(Period.parse(text)).as(text).isEmpty();
        }
        assertThat(Period.parse(null)).isEmpty();
    }

    @Test
    void aPeriodOfAnotherPeriodicityIsRefused() {
        assertThat(Period.parse("2026-10", Periodicity.QUARTERLY)).isEmpty();
        assertThat(Period.parse("2026-Q4", Periodicity.QUARTERLY)).isPresent();
    }

    @Test
    void theLastMonthIsTheMonthOfTheLastDay() {
        assertThat(Period.parse("2026").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(Period.parse("2026-S1").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 6));
        assertThat(Period.parse("2026-S2").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(Period.parse("2026-Q1").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 3));
        assertThat(Period.parse("2026-Q3").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(Period.parse("2028-02").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2028, 2));
        assertThat(Period.parse("2026-10-05").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2026, 10));
    }

    @Property
    void everyMonthPrintsAsItParses(@ForAll @IntRange(min = 1900, max = 2999) int year, @ForAll @IntRange(min = 1, max = 12) int month) {
        String text = String.format("%04d-%02d", year, month);
        Period period = Period.parse(text).orElseThrow();
        assertThat(period.toString()).isEqualTo(text);
        assertThat(period.lastDay()).isEqualTo(period.firstDay().withDayOfMonth(period.firstDay().lengthOfMonth()));
    }

    @Property
    void quartersAndHalvesTileTheYear(@ForAll @IntRange(min = 1900, max = 2999) int year) {
        for (String[] parts : new String[][] {{"Q1", "Q2"}, {"Q2", "Q3"}, {"Q3", "Q4"}, {"S1", "S2"}}) {
            Period earlier = Period.parse(year + "-" + parts[0]).orElseThrow();
            Period later = Period.parse(year + "-" + parts[1]).orElseThrow();
            assertThat(earlier.lastDay().plusDays(1)).isEqualTo(later.firstDay());
            assertThat(earlier).isLessThan(later);
            assertThat(earlier.toString()).isEqualTo(year + "-" + parts[0]);
        }
        assertThat(Period.parse(year + "-Q4").orElseThrow().lastDay()).isEqualTo(Period.parse(Integer.toString(year)).orElseThrow().lastDay());
    }

    @Property
    void everyValidDayParsesAndPrintsBack(@ForAll @IntRange(min = 0, max = 400_000) int dayOffset) {
        LocalDate day = LocalDate.of(1900, 1, 1).plusDays(dayOffset);
        if (day.getYear() > 2999) {
            return;
        }
        assertThat(Period.parse(day.toString(), Periodicity.DAILY).orElseThrow().toString()).isEqualTo(day.toString());
    }

    @Test
    void containingAndPreviousCrossYearBoundaries() {
        LocalDate newYear = LocalDate.of(2027, 1, 1);
        assertThat(Period.containing(Periodicity.MONTHLY, newYear).previous()).hasToString("2026-12");
        assertThat(Period.containing(Periodicity.QUARTERLY, newYear).previous()).hasToString("2026-Q4");
        assertThat(Period.containing(Periodicity.HALF_YEARLY, LocalDate.of(2026, 7, 1))).hasToString("2026-S2");
        assertThat(Period.containing(Periodicity.YEARLY, newYear).previous()).hasToString("2026");
        assertThat(Period.containing(Periodicity.DAILY, newYear).previous()).hasToString("2026-12-31");
    }

    @Property
    void theContainingPeriodHoldsTheDayAndParsesBackAndItsPreviousEndsTheDayBefore(
            @ForAll @IntRange(min = 0, max = 400_000) int dayNumber, @ForAll Periodicity periodicity) {
        LocalDate day = LocalDate.of(1900, 1, 1).plusDays(dayNumber % 365_000);
        Period period = Period.containing(periodicity, day);
        assertThat(day).isBetween(period.firstDay(), period.lastDay());
        assertThat(Period.parse(period.toString(), periodicity)).contains(period);
        if (day.getYear() > 1900) {
            assertThat(period.previous().lastDay()).isEqualTo(period.firstDay().minusDays(1));
        }
    }
}
