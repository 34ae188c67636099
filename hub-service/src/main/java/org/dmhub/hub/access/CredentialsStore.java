package org.dmhub.hub.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.dmhub.secrets.OwnerOnlyFiles;

/**
 * The passwords of the principals the hub provisions, one file each: {@code <dir>/<principal>.password}. A file that is
 * there is taken as it is (the focal point may write its own, one line); a missing one is generated (24 random bytes,
 * URL-safe base64) and written readable by its owner only, in a folder only its owner may enter. A file or folder that
 * others may read is refused, as is an empty file.
 */
public final class CredentialsStore {

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int GENERATED_BYTES = 24;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    public CredentialsStore(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("dmhub.security.broker.credentials-dir is not set: name the folder of the "
                    + "principals' password files");
        }
        this.dir = dir.toAbsolutePath();
    }

    /**
     * A principal's password and where it is kept.
     *
     * @param generated true when the password was made now: nobody has it yet but the file
     */
    public record Credential(String user, String password, Path file, boolean generated) {

        @Override
        public String toString() {
            return "Credential[user=" + user + ", file=" + file + ", generated=" + generated + "]";
        }
    }

    /** The password of {@code user}: its file's, or a new one written to its file. */
    public Credential obtain(String user) {
        if (!AccessPolicy.isValidUserName(user)) {
            throw new IllegalArgumentException("'" + user + "' is not a Kafka user name the hub gives a password file to");
        }
        Path file = fileOf(user);
        try {
            ownerOnlyFolder();
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Credential(user, OwnerOnlyFiles.firstLine(file, "the password file of " + user), file, false);
            }
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            Path written = Files.createTempFile(dir, "." + user + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.writeString(written, password + "\n", StandardCharsets.UTF_8);
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException writtenMeanwhile) {
                return new Credential(user, OwnerOnlyFiles.firstLine(file, "the password file of " + user), file, false);
            } finally {
                Files.deleteIfExists(written);
            }
            return new Credential(user, password, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
    }

    /** Where the password of {@code user} is kept. */
    public Path fileOf(String user) {
        return dir.resolve(user + ".password");
    }

    private void ownerOnlyFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
        }
        OwnerOnlyFiles.requireOwnerOnly(dir, "the credentials folder (dmhub.security.broker.credentials-dir)");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "CredentialsStore[" + dir + "]";
    }
}
