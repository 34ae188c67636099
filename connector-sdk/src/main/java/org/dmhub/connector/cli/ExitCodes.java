package org.dmhub.connector.cli;

/** The command line's exit codes, documented in the module's README. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The file has invalid rows (or none): nothing was published. */
    public static final int INVALID_FILE = 1;
    /** A missing or wrong option, an unreadable configuration file, an unknown department. */
    public static final int USAGE = 2;
    /** The broker or the schema registry could not be reached, or the department's topic does not exist. */
    public static final int UNREACHABLE = 3;
    /** A fault of the connector itself: the stack trace is printed for a bug report. */
    public static final int INTERNAL_ERROR = 4;
    /** The hub's receipts say some published rows changed nothing: stale (a higher revision stays) or rejected. */
    public static final int NOT_ALL_APPLIED = 5;
    /** The rows are stored, but the hub's receipts of some did not arrive within the wait: their import is not confirmed. */
    public static final int RECEIPTS_MISSING = 6;

    private ExitCodes() {
    }
}
