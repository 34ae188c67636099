package org.dmhub.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files of credentials (passwords, client secrets, users): read only when no one but their owner may read or change
 * them, and refused otherwise with the {@code chmod} that fixes it. Every part of the secure mode reads its secrets
 * through here.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /**
     * The file's text (UTF-8).
     *
     * @param what what the file is, for the messages: the property that names it, for example
     * @throws IllegalStateException when it is not a file, cannot be read or others may read or change it
     */
    public static String read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + ": " + file + " is not a file");
        }
        requireOwnerOnly(file, what);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** The file's first line, as {@link #read} reads it; refused when it is empty. */
    public static String firstLine(Path file, String what) {
        String line = read(file, what).lines().findFirst().orElse("");
        if (line.isBlank()) {
            throw new IllegalStateException(what + ": " + file + " is empty; write it on its first line");
        }
        return line;
    }

    /** Refuses a file or folder others than its owner may use (nothing is checked where the file system has no POSIX modes). */
    public static void requireOwnerOnly(Path path, String what) {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            Set<PosixFilePermission> others = EnumSet.noneOf(PosixFilePermission.class);
            others.addAll(permissions);
            others.retainAll(OTHERS);
            if (!others.isEmpty()) {
                throw new IllegalStateException(what + ": " + path + " may be read or changed by others than its owner ("
                        + PosixFilePermissions.toString(permissions) + "); allow its owner only: chmod "
                        + (Files.isDirectory(path) ? "700 " : "600 ") + path);
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot read the permissions of " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
