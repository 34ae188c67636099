package org.dmhub.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Reads and writes files that hold secrets: they must be readable by their owner only. */
final class SecretFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /**
     * The file's text, without surrounding white space.
     *
     * @param property the configuration property that named the file, for the refusal
     * @throws IllegalArgumentException naming the property when the file is missing, empty or open to others
     */
    static String read(Path file, String property) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(property + ": " + file + " is not a file");
        }
        requireOwnerOnly(file, property);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(property + ": " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException(property + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to a new file that only its owner may read. */
    static void writeNew(Path file, String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void requireOwnerOnly(Path file, String property) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty()) {
                throw new IllegalArgumentException(property + ": " + file + " may be read or written by others than its owner"
                        + " (chmod 600 " + file + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(property + ": cannot read the permissions of " + file + ": " + e.getMessage(), e);
        }
    }
}
