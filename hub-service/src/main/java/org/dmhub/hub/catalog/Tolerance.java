package org.dmhub.hub.catalog;

import java.math.BigDecimal;

/**
 * A relative tolerance as the framework file writes it: a percentage such as {@code 5%} or {@code 2.5%}, or a decimal
 * fraction such as {@code 0.05}. The rules check it and the catalog stores its {@link #fraction()}, so both read it
 * here.
 */
record Tolerance(BigDecimal number, boolean percentage) {

    private static final String PERCENT = "%";

    /** The tolerance the text writes; null when it is neither a number nor a number followed by {@code %}. */
    static Tolerance read(String text) {
        boolean percentage = text.endsWith(PERCENT);
        String number = percentage ? text.substring(0, text.length() - PERCENT.length()) : text;
        try {
            return new Tolerance(new BigDecimal(number), percentage);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** As a fraction: 0.05 for 5%. */
    BigDecimal fraction() {
        return percentage ? number.movePointLeft(2) : number;
    }
}
