package org.dmhub.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.dmhub.schemas.Periodicity;
import org.dmhub.testsupport.property.Draw;
import org.dmhub.testsupport.property.Property;
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

    @Test
    void everyMonthPrintsAsItParses() {
        Property.forAll(1000, draw -> {
            String text = String.format("%04d-%02d", draw.intBetween(1900, 2999), draw.intBetween(1, 12));
            Period period = Period.parse(text).orElseThrow();
            assertThat(period.toString()).isEqualTo(text);
            assertThat(period.lastDay()).isEqualTo(period.firstDay().withDayOfMonth(period.firstDay().lengthOfMonth()));
        });
    }

    @Test
    void quartersAndHalvesTileTheYear() {
        Property.forAll(1000, draw -> quartersAndHalvesTile(draw.intBetween(1900, 2999)));
    }

    private static void quartersAndHalvesTile(int year) {
        for (String[] parts : new String[][] {{"Q1", "Q2"}, {"Q2", "Q3"}, {"Q3", "Q4"}, {"S1", "S2"}}) {
            Period earlier = Period.parse(year + "-" + parts[0]).orElseThrow();
            Period later = Period.parse(year + "-" + parts[1]).orElseThrow();
            assertThat(earlier.lastDay().plusDays(1)).isEqualTo(later.firstDay());
            assertThat(earlier).isLessThan(later);
            assertThat(earlier.toString()).isEqualTo(year + "-" + parts[0]);
        }
        assertThat(Period.parse(year + "-Q4").orElseThrow().lastDay()).isEqualTo(Period.parse(Integer.toString(year)).orElseThrow().lastDay());
    }

    @Test
    void everyValidDayParsesAndPrintsBack() {
        Property.forAll(1000, draw -> {
            LocalDate day = draw.compose(PeriodTest::day);
            assertThat(Period.parse(day.toString(), Periodicity.DAILY).orElseThrow().toString()).isEqualTo(day.toString());
        });
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

    @Test
    void theContainingPeriodHoldsTheDayAndParsesBackAndItsPreviousEndsTheDayBefore() {
        Property.forAll(1000, draw -> {
            LocalDate day = draw.compose(PeriodTest::day);
            Periodicity periodicity = draw.oneOf(Periodicity.class);
            Period period = Period.containing(periodicity, day);
            assertThat(day).isBetween(period.firstDay(), period.lastDay());
            assertThat(Period.parse(period.toString(), periodicity)).contains(period);
            if (day.getYear() > 1900) {
                assertThat(period.previous().lastDay()).isEqualTo(period.firstDay().minusDays(1));
            }
        });
    }

    @Test
    void aPeriodIsValidForItsOwnPeriodicityOnly() {
        Property.forAll(1000, draw -> {
            Period period = Period.containing(draw.oneOf(Periodicity.class), day(draw));
            Periodicity other = draw.oneOf(Periodicity.class);

            assertThat(Period.parse(period.toString(), other).isPresent()).as(period + " as " + other)
                    .isEqualTo(other == period.periodicity());
        });
    }

    @Test
    void aFieldOutsideItsRangeIsRefused() {
        Property.forAll(1000, draw -> {
            int year = draw.intBetween(1900, 2999);
            int month = draw.intBetween(1, 12);
            String text = switch (draw.intBetween(0, 4)) {
                case 0 -> String.format("%04d-%02d", year, draw.oneOf(0, draw.intBetween(13, 99)));
                case 1 -> String.format("%04d-%02d-%02d", year, month,
                        draw.oneOf(0, YearMonth.of(year, month).lengthOfMonth() + draw.intBetween(1, 99 - YearMonth.of(year, month).lengthOfMonth())));
                case 2 -> year + "-Q" + draw.oneOf(0, draw.intBetween(5, 9));
                case 3 -> year + "-S" + draw.oneOf(0, draw.intBetween(3, 9));
                default -> Integer.toString(draw.oneOf(draw.intBetween(1000, 1899), draw.intBetween(3000, 9999)));
            };

            assertThat(Period.parse(text)).as(text).isEmpty();
        });
    }

    @Test
    void aPeriodsSpansAreTheCoarserPeriodsHoldingItFinestFirst() {
        assertThat(Period.parse("2026-05").orElseThrow().spans()).extracting(Period::toString).containsExactly("2026-Q2", "2026-S1", "2026");
        assertThat(Period.parse("2026-Q3").orElseThrow().spans()).extracting(Period::toString).containsExactly("2026-S2", "2026");
        assertThat(Period.parse("2026-12-31").orElseThrow().spans()).extracting(Period::toString)
                .containsExactly("2026-12", "2026-Q4", "2026-S2", "2026");
        assertThat(Period.parse("2026").orElseThrow().spans()).isEmpty();
    }

    @Test
    void aSpanHoldsItsFinerPeriodsInOrderAndEachLiesWithinIt() {
        assertThat(Period.parse("2026-S1").orElseThrow().periodsOf(Periodicity.QUARTERLY)).extracting(Period::toString)
                .containsExactly("2026-Q1", "2026-Q2");
        assertThat(Period.parse("2028-02").orElseThrow().periodsOf(Periodicity.DAILY)).hasSize(29);
        Property.forAll(1000, draw -> {
            Period period = Period.containing(draw.oneOf(Periodicity.class), day(draw));
            for (Period span : period.spans()) {
                assertThat(period.isWithin(span)).isTrue();
                List<Period> periods = span.periodsOf(period.periodicity());
                assertThat(periods).contains(period);
                assertThat(periods.get(0).firstDay()).isEqualTo(span.firstDay());
                assertThat(periods.get(periods.size() - 1).lastDay()).isEqualTo(span.lastDay());
            }
            assertThat(period.sameTimeLastYear().periodicity()).isEqualTo(period.periodicity());
            assertThat(period.sameTimeLastYear().firstDay().getYear()).isEqualTo(period.firstDay().getYear() - 1);
            assertThat(period.next().previous()).isEqualTo(period);
        });
    }

    /** A day of the years periods can name, 1900 to 2999. */
    private static LocalDate day(Draw draw) {
        LocalDate first = LocalDate.of(1900, 1, 1);
        return first.plusDays(draw.longBetween(0, first.until(LocalDate.of(2999, 12, 31), ChronoUnit.DAYS)));
    }
}
