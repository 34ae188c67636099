package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Problems.element;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import org.dmhub.contract.RecordKeys;
import org.dmhub.validation.Decimals;

/** The checks, and their wording, that the rule groups of a framework file share. */
final class Checks {

    private Checks() {
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Whether the value is given; when not, reports it missing unless its path already has an error. */
    static boolean required(Problems problems, String path, String value, String whatIsValid) {
        if (present(value)) {
            return true;
        }
        missing(problems, path, whatIsValid);
        return false;
    }

    static void missing(Problems problems, String path, String whatIsValid) {
        if (!problems.reportedAt(path)) {
            problems.at(path, "missing; " + whatIsValid);
        }
    }

    static void checkKeyPart(Problems problems, String path, String code) {
        if (code.contains(RecordKeys.SEPARATOR)) {
            problems.at(path, "'" + code + "' must not contain '" + RecordKeys.SEPARATOR
                    + "', which separates the parts of record keys");
        }
    }

    /** Reports the code when an earlier entry of the list already has it; {@code earlierUse} is null when none does. */
    static void checkUnique(Problems problems, String path, String code, Integer earlierUse, String list, String what) {
        if (earlierUse != null) {
            problems.at(path, code + " is already used by " + element(list, earlierUse) + "; " + what + " must be unique");
        }
    }

    /** Whether the decimal fits the wire's decimal(38,12) exactly. */
    static boolean checkDecimal(Problems problems, String path, BigDecimal value) {
        if (Decimals.exceedsScale(value)) {
            problems.at(path, show(value) + " has more than " + Decimals.SCALE + " decimal places; use at most "
                    + Decimals.SCALE);
            return false;
        }
        if (Decimals.exceedsPrecision(value)) {
            int integerDigits = Decimals.PRECISION - Decimals.SCALE;
            problems.at(path, show(value) + " has more than " + integerDigits + " digits before the decimal point; use at most "
                    + integerDigits);
            return false;
        }
        return true;
    }

    static String listOrNone(Collection<String> values) {
        return values.isEmpty() ? "(none defined)" : String.join(", ", values);
    }

    static String showCycle(List<String> codes) {
        return String.join(" → ", codes) + " → " + codes.get(0);
    }

    /** Plain digits where that stays short; a value such as 1E+400 keeps its exponent. */
    static String show(BigDecimal value) {
        return Math.abs(value.scale()) <= 40 ? value.toPlainString() : value.toString();
    }
}
