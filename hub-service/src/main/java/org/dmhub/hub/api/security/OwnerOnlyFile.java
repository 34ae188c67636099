package org.dmhub.hub.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** A file of credentials named by a property: read only when no one but its owner may read or change it. */
final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFile() {
    }

    /** The file's text (UTF-8); fails naming {@code property} when it is missing or others may read or change it. */
    static String read(Path file, String property) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(property + ": " + file + " is not a file");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> granted = EnumSet.copyOf(posix.readAttributes().permissions());
                granted.retainAll(OTHERS);
                if (!granted.isEmpty()) {
                    throw new IllegalStateException(property + ": " + file + " may be read or changed by others than its owner ("
                            + granted + "); allow its owner only: chmod 600 " + file);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(property + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
