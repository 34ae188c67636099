package org.dmhub.validation;

import org.dmhub.schemas.RejectionReason;

/**
 * One reason an observation is refused.
 *
 * @param reason the machine-readable code
 * @param field the observation field at fault
 * @param message a sentence for the sender: what is wrong and what would be valid
 */
public record Violation(RejectionReason reason, String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message + " [" + reason + "]";
    }
}
