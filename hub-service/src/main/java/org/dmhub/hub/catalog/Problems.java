package org.dmhub.hub.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The errors found in a framework file, in the order found. */
final class Problems {

    /** How the file itself is named when the error concerns its whole content. */
    private static final String WHOLE_FILE = "(file)";

    private final List<String> messages = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();

    /** An error at a path such as {@code indicators[3].numerator}; the empty path is the whole file. */
    void at(String path, String message) {
        paths.add(path);
        messages.add((path.isEmpty() ? WHOLE_FILE : path) + ": " + message);
    }

    /** An error located by line and column rather than by path, such as a YAML syntax error. */
    void inText(String message) {
        messages.add(message);
    }

    /** Whether an error was already reported at exactly this path, so that a consequence is not reported twice. */
    boolean reportedAt(String path) {
        return paths.contains(path);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String element(String list, int index) {
        return list + "[" + index + "]";
    }
}
