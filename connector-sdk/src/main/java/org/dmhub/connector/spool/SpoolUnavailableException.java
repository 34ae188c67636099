package org.dmhub.connector.spool;

/** The spool file cannot be used: another process holds it, or it cannot be created or read. */
public final class SpoolUnavailableException extends RuntimeException {

    public SpoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
