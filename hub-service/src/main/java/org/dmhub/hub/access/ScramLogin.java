package org.dmhub.hub.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SCRAM-SHA-512 user name and password, as a Kafka client's {@code sasl.jaas.config} holds them. */
public record ScramLogin(String username, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String QUOTED = "\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern USERNAME = Pattern.compile("\\busername" + QUOTED);
    private static final Pattern PASSWORD = Pattern.compile("\\bpassword" + QUOTED);

    /** The {@code sasl.jaas.config} of a client logging in with this. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(username)
                + "\" password=\"" + quoted(password) + "\";";
    }

    /** The user name and password of a {@code sasl.jaas.config}, when it has both. */
    public static Optional<ScramLogin> of(String jaasConfig) {
        if (jaasConfig == null) {
            return Optional.empty();
        }
        Matcher username = USERNAME.matcher(jaasConfig);
        Matcher password = PASSWORD.matcher(jaasConfig);
        if (!username.find() || !password.find()) {
            return Optional.empty();
        }
        return Optional.of(new ScramLogin(unquoted(username.group(1)), unquoted(password.group(1))));
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String unquoted(String text) {
        return text.replaceAll("\\\\(.)", "$1");
    }

    @Override
    public String toString() {
        return "ScramLogin[username=" + username + "]";
    }
}
