package org.dmhub.connector.file;

import java.util.List;

/**
 * What an observation file holds: the observations of its valid rows and every problem of the others.
 *
 * @param rowCount the number of data rows read (header excluded)
 */
public record FileReadResult(int rowCount, List<NumberedObservation> valid, List<RowError> errors) {

    public FileReadResult {
        valid = List.copyOf(valid);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
