package org.dmhub.connector.spool;

import java.nio.file.Path;

/** The connector closed before the broker acknowledged the observation; it waits in the spool for the next connector. */
public final class StillSpooledException extends RuntimeException {

    private final Path spool;

    public StillSpooledException(Path spool) {
        super("not yet acknowledged by the broker; kept in " + spool + " and sent by the next connector that opens it");
        this.spool = spool;
    }

    public Path spool() {
        return spool;
    }
}
