package org.dmhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path folder;

    @Test
    void theKeyIsWrittenOwnerOnlyOnFirstStartAndTheSameKeyIsReadAfterwards() throws Exception {
        Path file = folder.resolve("keys/signing-key.json");

        RSAKey first = SigningKey.load(file);
        RSAKey again = SigningKey.load(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(again.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
        assertThat(again.isPrivate()).isTrue();
    }

    @Test
    void withoutAFileEachStartHasANewKey() {
        assertThat(SigningKey.load(null).getKeyID()).isNotEqualTo(SigningKey.load(null).getKeyID());
    }

    @Test
    void aPublicKeyOrAnotherFileIsRefusedWithThePropertyName() throws Exception {
        Path publicOnly = Files.createFile(folder.resolve("public.json"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(publicOnly, SigningKey.load(null).toPublicJWK().toJSONString());
        Path notAKey = Files.createFile(folder.resolve("other.json"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(notAKey, "{\"kty\":\"oct\"}");

        assertThatThrownBy(() -> SigningKey.load(publicOnly))
                .hasMessageContaining("dmhub.identity.signing-key-file").hasMessageContaining("public key only");
        assertThatThrownBy(() -> SigningKey.load(notAKey))
                .hasMessageContaining("dmhub.identity.signing-key-file").hasMessageContaining("not an RSA JSON Web Key");
    }
}
