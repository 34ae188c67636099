package org.dmhub.hub.api.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the bcrypt hash of a password for {@code dmhub.security.api.users[].password-hash}, reading the password
 * from the terminal (not shown, asked twice) or, when the standard input is not a terminal, from its first line; the
 * password is never an argument, so it stays out of the shell's history and the process list:
 * <pre>
 * java -cp dmhub-hub.jar -Dloader.main=org.dmhub.hub.api.security.PasswordHash \
 *     org.springframework.boot.loader.launch.PropertiesLauncher &lt; password-file
 * </pre>
 * Exit code 0 with the hash on the standard output, 1 with the reason on the standard error.
 */
public final class PasswordHash {

    /** Passwords shorter than this are refused: a hash does not make a short password hard to guess. */
    static final int MIN_LENGTH = 12;

    private PasswordHash() {
    }

    public static void main(String[] args) throws IOException {
        char[] password = read();
        if (password == null || password.length == 0) {
            fail("no password given: type it, or send it on the standard input");
        } else if (password.length < MIN_LENGTH) {
            fail("the password has " + password.length + " characters; give at least " + MIN_LENGTH);
        } else {
            System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(new String(password)));
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first != null && !Arrays.equals(first, again)) {
                fail("the two passwords differ");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }

    private static void fail(String reason) {
        System.err.println("PasswordHash: " + reason);
        System.exit(1);
    }
}
