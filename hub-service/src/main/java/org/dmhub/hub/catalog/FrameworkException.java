package org.dmhub.hub.catalog;

import java.io.Serial;
import java.util.List;

/** A framework file that cannot be published, with every error found in it, each as {@code path: message}. */
public final class FrameworkException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public FrameworkException(List<String> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }

    private static String summary(List<String> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return "the framework file has " + count + ":\n  " + String.join("\n  ", errors);
    }
}
