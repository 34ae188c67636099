package org.dmhub.contract;

/** The string keys of the contract's topics. */
public final class RecordKeys {

    public static final String SEPARATOR = "|";

    private RecordKeys() {
    }

    /** Key of an observation, and of a value in the view or a national aggregate: {@code indicator|area|period}. */
    public static String valueKey(String indicator, String area, String period) {
        return join(indicator, area, period);
    }

    /** Key of a reporting status: {@code department|indicator|period}. */
    public static String reportingStatusKey(String department, String indicator, String period) {
        return join(department, indicator, period);
    }

    /** Key of a reconciliation: {@code operating|statistical|area|period}. */
    public static String reconciliationKey(String operating, String statistical, String area, String period) {
        return join(operating, statistical, area, period);
    }

    private static String join(String... parts) {
        for (String part : parts) {
            if (part == null || part.isEmpty() || part.contains(SEPARATOR)) {
                throw new IllegalArgumentException("a key part must be non-empty and must not contain '" + SEPARATOR + "': " + part);
            }
        }
        return String.join(SEPARATOR, parts);
    }
}
