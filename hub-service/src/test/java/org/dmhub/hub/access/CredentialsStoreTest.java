package org.dmhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreTest {

    @TempDir
    Path folder;

    @Test
    void aMissingPasswordIsGeneratedAndWrittenForItsOwnerOnly() throws Exception {
        Path dir = folder.resolve("credentials");
        CredentialsStore store = new CredentialsStore(dir);

        CredentialsStore.Credential credential = store.obtain("STC");

        assertThat(credential.generated()).isTrue();
        assertThat(credential.file()).isEqualTo(dir.resolve("STC.password").toAbsolutePath());
        assertThat(Base64.getUrlDecoder().decode(credential.password())).hasSizeGreaterThanOrEqualTo(24);
        assertThat(Files.readString(credential.file())).isEqualTo(credential.password() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(dir.toFile().list()).containsExactly("STC.password");
        assertThat(store.obtain("SYT").password()).isNotEqualTo(credential.password());
    }

    @Test
    void aPasswordOnceWrittenIsTakenAgainAsItIs() {
        CredentialsStore store = new CredentialsStore(folder.resolve("credentials"));
        CredentialsStore.Credential first = store.obtain("STC");

        CredentialsStore.Credential again = store.obtain("STC");

        assertThat(again.generated()).isFalse();
        assertThat(again.password()).isEqualTo(first.password());
    }

    @Test
    void aPasswordFileWrittenByTheFocalPointIsTakenAsItIs() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(Files.createFile(folder.resolve("VPUBND.password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), "mật-khẩu của VPUBND\n");

        CredentialsStore.Credential credential = new CredentialsStore(folder).obtain("VPUBND");

        assertThat(credential.generated()).isFalse();
        assertThat(credential.password()).isEqualTo("mật-khẩu của VPUBND");
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedWithTheFix() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path file = Files.writeString(folder.resolve("STC.password"), "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new CredentialsStore(folder).obtain("STC")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600 " + file).hasMessageNotContaining("secret");
    }

    @Test
    void aFolderOthersMayEnterAndAnEmptyFileAreRefused() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> new CredentialsStore(folder).obtain("STC")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 700");
        assertThat(folder.resolve("STC.password")).doesNotExist();

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.createFile(folder.resolve("SYT.password"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertThatThrownBy(() -> new CredentialsStore(folder).obtain("SYT")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void onlyKafkaUserNamesGetAFile() {
        CredentialsStore store = new CredentialsStore(folder);
        assertThatThrownBy(() -> store.obtain("../hub")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.obtain(".hidden")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPasswordIsEverInAToString() {
        CredentialsStore.Credential credential = new CredentialsStore(folder.resolve("credentials")).obtain("STC");
        ScramLogin login = new ScramLogin("hub", "p4ss\"word");

        assertThat(credential.toString()).contains("STC").doesNotContain(credential.password());
        assertThat(login.toString()).contains("hub").doesNotContain("p4ss");
    }

    @Test
    void aScramLoginIsReadBackFromItsJaasConfig() {
        ScramLogin login = new ScramLogin("hub", "p4ss\"wo\\rd$1");

        assertThat(ScramLogin.of(login.jaasConfig())).contains(login);
        assertThat(ScramLogin.of("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hub\";")).isEmpty();
        assertThat(ScramLogin.of(null)).isEmpty();
    }
}
