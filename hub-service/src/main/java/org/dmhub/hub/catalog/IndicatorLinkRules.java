package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.checkDecimal;
import static org.dmhub.hub.catalog.Checks.present;
import static org.dmhub.hub.catalog.Checks.required;
import static org.dmhub.hub.catalog.Checks.show;
import static org.dmhub.hub.catalog.Problems.field;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.dmhub.hub.catalog.FrameworkFile.Indicator;
import org.dmhub.hub.catalog.FrameworkFile.StatisticalLink;
import org.dmhub.hub.catalog.FrameworkIndex.IndicatorEntry;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;
import org.dmhub.validation.Decimals;

/**
 * What an indicator takes from other indicators: a RATIO its numerator and denominator (and its factor), a
 * WEIGHTED_AVERAGE its weight, any indicator the STATISTICAL one it tracks, reported as often as it or less often. A
 * reference resolves to the first indicator with the code; an indicator whose aggregation, kind or periodicity is not
 * known is not compared with those it refers to.
 */
final class IndicatorLinkRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FrameworkIndex index;
    private final Problems problems;

    IndicatorLinkRules(FrameworkIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
    }

    void checkDerivedInputs(IndicatorEntry indicator) {
        checkRatio(indicator);
        checkWeight(indicator);
    }

    private void checkRatio(IndicatorEntry indicator) {
        String path = indicator.path();
        Indicator fields = indicator.fields();
        if (indicator.aggregation() == null) {
            return;
        }
        if (indicator.aggregation() != Aggregation.RATIO) {
            onlyOnRatio(field(path, "numerator"), present(fields.numerator()), "a numerator");
            onlyOnRatio(field(path, "denominator"), present(fields.denominator()), "a denominator");
            onlyOnRatio(field(path, "factor"), fields.factor() != null, "a factor");
            return;
        }
        IndicatorEntry numerator = ratioPart(field(path, "numerator"), "numerator", indicator, fields.numerator());
        IndicatorEntry denominator = ratioPart(field(path, "denominator"), "denominator", indicator, fields.denominator());
        if (numerator != null && denominator != null) {
            String numeratorLevel = numerator.fields().reportingLevel();
            String denominatorLevel = denominator.fields().reportingLevel();
            if (present(numeratorLevel) && present(denominatorLevel) && !numeratorLevel.equals(denominatorLevel)) {
                problems.at(field(path, "denominator"), denominator.code() + " is reported at " + denominatorLevel
                        + " and the numerator " + numerator.code() + " at " + numeratorLevel
                        + "; numerator and denominator must share one reporting level");
            }
        }
        BigDecimal factor = fields.factor();
        if (factor != null && checkDecimal(problems, field(path, "factor"), factor) && factor.signum() <= 0) {
            problems.at(field(path, "factor"), show(factor) + " is not allowed; the factor must be greater than 0, "
                    + "e.g. 100 for a percentage");
        }
    }

    private void onlyOnRatio(String path, boolean given, String what) {
        if (given) {
            problems.at(path, "only a RATIO has " + what + "; remove it or set aggregation: RATIO");
        }
    }

    /** The numerator or denominator when it can be used; null after reporting why it cannot. */
    private IndicatorEntry ratioPart(String path, String role, IndicatorEntry ratio, String code) {
        if (!required(problems, path, code, "a RATIO needs a " + role + " indicator")) {
            return null;
        }
        IndicatorEntry part = referenced(path, ratio, code, "the " + role + " must be an indicator of this framework");
        if (part == null) {
            return null;
        }
        if (part.aggregation() == Aggregation.RATIO) {
            problems.at(path, code + " is itself a RATIO; the " + role + " must be a reported indicator, not a RATIO");
            return null;
        }
        Periodicity periodicity = ratio.periodicity();
        if (periodicity != null && part.periodicity() != null && part.periodicity() != periodicity) {
            problems.at(path, code + " is " + part.periodicity() + "; the " + role + " must share the ratio's periodicity "
                    + periodicity);
        }
        return part;
    }

    private void checkWeight(IndicatorEntry indicator) {
        String path = field(indicator.path(), "weight");
        Indicator fields = indicator.fields();
        if (indicator.aggregation() == null) {
            return;
        }
        if (indicator.aggregation() != Aggregation.WEIGHTED_AVERAGE) {
            if (present(fields.weight())) {
                problems.at(path, "only a WEIGHTED_AVERAGE has a weight; remove it or set aggregation: WEIGHTED_AVERAGE");
            }
            return;
        }
        if (!required(problems, path, fields.weight(), "a WEIGHTED_AVERAGE needs a weight indicator, e.g. the population")) {
            return;
        }
        IndicatorEntry weight = referenced(path, indicator, fields.weight(),
                "the weight must be an indicator of this framework");
        if (weight == null) {
            return;
        }
        if (weight.aggregation() == Aggregation.RATIO) {
            problems.at(path, weight.code() + " is a RATIO; the weight must be a reported indicator, not a RATIO");
            return;
        }
        Periodicity periodicity = indicator.periodicity();
        if (periodicity != null && weight.periodicity() != null && weight.periodicity() != periodicity) {
            problems.at(path, weight.code() + " is " + weight.periodicity() + "; the weight must share the indicator's "
                    + "periodicity " + periodicity);
        }
        String level = fields.reportingLevel();
        String weightLevel = weight.fields().reportingLevel();
        if (present(level) && present(weightLevel) && !weightLevel.equals(level)) {
            problems.at(path, weight.code() + " is reported at " + weightLevel
                    + "; the weight must share the indicator's reporting level " + level);
        }
    }

    /**
     * The link's indicator, tolerance and factor. Whichever form the link is written in, a problem with the indicator it
     * names is reported at the link itself.
     */
    void checkStatisticalLink(IndicatorEntry indicator) {
        StatisticalLink link = indicator.fields().statisticalLink();
        if (link == null) {
            return;
        }
        String path = field(indicator.path(), "statisticalLink");
        checkLinkedIndicator(path, indicator, link.indicator());
        checkTolerance(field(path, "tolerance"), link.tolerance());
        checkConversionFactor(field(path, "factor"), link.factor());
    }

    private void checkLinkedIndicator(String path, IndicatorEntry indicator, String code) {
        String whatIsValid = "a statistical link must name a STATISTICAL indicator of this framework";
        if (!required(problems, field(path, "indicator"), code, whatIsValid)) {
            return;
        }
        IndicatorEntry linked = referenced(path, indicator, code, whatIsValid);
        if (linked == null || linked.kind() == null) {
            return;
        }
        if (linked.kind() != IndicatorKind.STATISTICAL) {
            problems.at(path, code + " is " + linked.kind() + "; a statistical link must name a STATISTICAL indicator");
            return;
        }
        Periodicity periodicity = indicator.periodicity();
        Periodicity linkedPeriodicity = linked.periodicity();
        // the symbols of Periodicity are declared from the most to the least frequent
        if (periodicity != null && linkedPeriodicity != null && linkedPeriodicity.compareTo(periodicity) < 0) {
            String valid = orList(Arrays.stream(Periodicity.values())
                    .filter(coarser -> coarser.compareTo(periodicity) >= 0).map(Enum::name).toList());
            String operating = present(indicator.code()) ? indicator.code() + "'s" : "the indicator's";
            problems.at(path, code + " is " + linkedPeriodicity + ", finer than " + operating + " " + periodicity
                    + "; a statistical link must name an indicator reported as often as the operating one or less often ("
                    + valid + ")");
        } else if (periodicity != null && linkedPeriodicity != null && linkedPeriodicity.compareTo(periodicity) > 0
                && !rolledUpOverTime(indicator)) {
            String operating = present(indicator.code()) ? indicator.code() : "the indicator";
            problems.at(path, code + " is " + linkedPeriodicity + ", and " + operating + " (" + periodicity
                    + ") is not rolled up over time, so it has no " + linkedPeriodicity + " value to compare; give "
                    + operating + " an overTime of SUM, LAST, AVERAGE, MIN or MAX, or link a " + periodicity + " indicator");
        }
    }

    /** Whether an indicator has values over spans of its periods: RATIO and WEIGHTED_AVERAGE always, others unless NONE. */
    private static boolean rolledUpOverTime(IndicatorEntry indicator) {
        if (indicator.aggregation() == Aggregation.RATIO || indicator.aggregation() == Aggregation.WEIGHTED_AVERAGE) {
            return true;
        }
        OverTime overTime = indicator.overTime() != null ? indicator.overTime()
                : indicator.aggregation() == Aggregation.NONE ? OverTime.NONE : null;
        return overTime != OverTime.NONE;
    }

    /** Optional: without one, the hub compares the two indicators with its configured default. */
    private void checkTolerance(String path, String text) {
        if (!present(text)) {
            return;
        }
        Tolerance tolerance = Tolerance.read(text);
        if (tolerance == null) {
            problems.at(path, "'" + text + "' is not a tolerance; write a percentage such as 5% or 2.5%, "
                    + "or a decimal fraction such as 0.05");
            return;
        }
        if (!tolerance.percentage() && !checkDecimal(problems, path, tolerance.number())) {
            return;
        }
        if (tolerance.number().signum() < 0) {
            problems.at(path, text + " is not allowed; the tolerance must be 0 or more, e.g. 5% or 0.05");
        } else if (tolerance.percentage() && tolerance.number().compareTo(HUNDRED) > 0) {
            problems.at(path, text + " is not allowed; a tolerance written as a percentage must be at most 100%");
        } else if (tolerance.percentage() && Decimals.exceedsScale(tolerance.fraction())) {
            int places = Decimals.SCALE - 2;
            problems.at(path, text + " has more than " + places + " decimal places; use at most " + places
                    + " in a percentage");
        }
    }

    /** Optional: without one, the two indicators share their unit. */
    private void checkConversionFactor(String path, BigDecimal factor) {
        if (factor != null && checkDecimal(problems, path, factor) && factor.signum() <= 0) {
            problems.at(path, show(factor) + " is not allowed; the factor must be greater than 0, e.g. 0.001 when the "
                    + "operating indicator is in triệu đồng and the statistical one in tỷ đồng");
        }
    }

    private static String orList(List<String> values) {
        int last = values.size() - 1;
        return last == 0 ? values.get(0) : String.join(", ", values.subList(0, last)) + " or " + values.get(last);
    }

    /** The indicator a reference names; null after reporting why it names none. */
    private IndicatorEntry referenced(String path, IndicatorEntry referrer, String code, String whatIsValid) {
        if (code.equals(referrer.code())) {
            problems.at(path, code + " is the indicator itself; an indicator cannot reference itself");
            return null;
        }
        IndicatorEntry target = index.indicator(code);
        if (target == null) {
            problems.at(path, code + " is not defined; " + whatIsValid);
            return null;
        }
        return target;
    }
}
