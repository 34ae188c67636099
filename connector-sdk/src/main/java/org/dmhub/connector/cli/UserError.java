package org.dmhub.connector.cli;

/** A mistake the user can fix: printed as one message, never as a stack trace. */
final class UserError extends RuntimeException {

    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
