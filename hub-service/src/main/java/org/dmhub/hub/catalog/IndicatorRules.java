package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.checkDecimal;
import static org.dmhub.hub.catalog.Checks.checkKeyPart;
import static org.dmhub.hub.catalog.Checks.checkUnique;
import static org.dmhub.hub.catalog.Checks.listOrNone;
import static org.dmhub.hub.catalog.Checks.missing;
import static org.dmhub.hub.catalog.Checks.present;
import static org.dmhub.hub.catalog.Checks.required;
import static org.dmhub.hub.catalog.Checks.show;
import static org.dmhub.hub.catalog.FrameworkIndex.INDICATORS;
import static org.dmhub.hub.catalog.Problems.field;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.dmhub.hub.catalog.FrameworkFile.Indicator;
import org.dmhub.hub.catalog.FrameworkFile.ValidRange;
import org.dmhub.hub.catalog.FrameworkIndex.IndicatorEntry;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;

/**
 * Each indicator: its code, name, unit and enumerated values, the department that owns it, the area level it is
 * reported at, its valid range and its national code. What it takes from other indicators is checked, at its place
 * among these, by {@link IndicatorLinkRules}.
 */
final class IndicatorRules {

    private final FrameworkIndex index;
    private final Problems problems;
    private final IndicatorLinkRules links;

    private IndicatorRules(FrameworkIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
        this.links = new IndicatorLinkRules(index, problems);
    }

    static void check(FrameworkIndex index, Problems problems) {
        if (index.file().indicators() == null) {
            missing(problems, INDICATORS, "list the indicators of the framework");
            return;
        }
        IndicatorRules rules = new IndicatorRules(index, problems);
        index.indicators().forEach(rules::checkCode);
        index.indicators().forEach(rules::checkIndicator);
    }

    private void checkCode(IndicatorEntry indicator) {
        String codePath = field(indicator.path(), "code");
        if (required(problems, codePath, indicator.code(), "every indicator needs a code")) {
            checkKeyPart(problems, codePath, indicator.code());
            checkUnique(problems, codePath, indicator.code(), index.indicatorCodes().earlierUse(indicator.position()),
                    INDICATORS, "indicator codes");
        }
    }

    private void checkIndicator(IndicatorEntry indicator) {
        String path = indicator.path();
        Indicator fields = indicator.fields();
        required(problems, field(path, "name"), fields.name(), "every indicator needs a name");
        required(problems, field(path, "unit"), fields.unit(), "every indicator needs a unit, e.g. tỷ đồng or %");
        checkConstant(field(path, "periodicity"), fields.periodicity(), indicator.periodicity(), Periodicity.class);
        checkConstant(field(path, "aggregation"), fields.aggregation(), indicator.aggregation(), Aggregation.class);
        checkConstant(field(path, "kind"), fields.kind(), indicator.kind(), IndicatorKind.class);
        checkOwner(field(path, "owner"), fields.owner());
        checkReportingLevel(field(path, "reportingLevel"), fields.reportingLevel(), indicator.aggregation());
        links.checkDerivedInputs(indicator);
        checkValidRange(field(path, "validRange"), fields.validRange());
        links.checkStatisticalLink(indicator);
        checkNationalCode(indicator);
        checkOverTime(field(path, "overTime"), fields.overTime(), indicator);
    }

    /** Optional; RATIO and WEIGHTED_AVERAGE indicators are recomputed from their components over time and take none. */
    private void checkOverTime(String path, String text, IndicatorEntry indicator) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (indicator.overTime() == null) {
            problems.at(path, text + " is not valid; valid values are " + Arrays.stream(OverTime.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + " (or leave it out: SUM for a SUM indicator, its own aggregation otherwise)");
        } else if (indicator.aggregation() == Aggregation.RATIO || indicator.aggregation() == Aggregation.WEIGHTED_AVERAGE) {
            problems.at(path, "a " + indicator.aggregation() + " indicator is recomputed over a quarter or a year from its "
                    + "components' sums, never from its own values: leave overTime out");
        }
    }

    /** Reports the text when it is missing or when the index found it none of the type's constants. */
    private <E extends Enum<E>> void checkConstant(String path, String text, E parsed, Class<E> type) {
        String valid = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (required(problems, path, text, "valid values are " + valid) && parsed == null) {
            problems.at(path, text + " is not valid; valid values are " + valid);
        }
    }

    private void checkOwner(String path, String owner) {
        String defined = listOrNone(index.departmentCodes().inFileOrder());
        if (required(problems, path, owner, "name the department that owns the indicator: " + defined)
                && !index.departmentCodes().isDefined(owner)) {
            problems.at(path, owner + " is not a defined department; defined departments are " + defined);
        }
    }

    /** A reported indicator names the level of the areas it is reported at; an unknown aggregation asks for nothing. */
    private void checkReportingLevel(String path, String level, Aggregation aggregation) {
        if (aggregation == Aggregation.RATIO) {
            if (present(level)) {
                problems.at(path, "a RATIO is computed from its numerator and denominator and never reported; "
                        + "remove reportingLevel");
            }
            return;
        }
        if (!present(level)) {
            if (aggregation != null) {
                missing(problems, path,
                        "give the area level observations are reported at: " + listOrNone(index.areaLevels()));
            }
            return;
        }
        if (!index.areaLevels().contains(level)) {
            problems.at(path, level + " is not the level of any area; levels are " + listOrNone(index.areaLevels()));
        }
    }

    private void checkValidRange(String path, ValidRange range) {
        if (range == null) {
            return;
        }
        boolean minUsable = range.min() != null && checkDecimal(problems, field(path, "min"), range.min());
        boolean maxUsable = range.max() != null && checkDecimal(problems, field(path, "max"), range.max());
        if (minUsable && maxUsable && range.min().compareTo(range.max()) > 0) {
            problems.at(path, "min " + show(range.min()) + " is greater than max " + show(range.max())
                    + "; min must not exceed max");
        }
    }

    private void checkNationalCode(IndicatorEntry indicator) {
        String nationalCode = indicator.fields().nationalCode();
        if (!present(nationalCode)) {
            return;
        }
        String codePath = field(indicator.path(), "nationalCode");
        checkKeyPart(problems, codePath, nationalCode);
        checkUnique(problems, codePath, nationalCode, index.nationalCodes().earlierUse(indicator.position()), INDICATORS,
                "national codes");
    }
}
