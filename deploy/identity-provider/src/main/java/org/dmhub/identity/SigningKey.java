package org.dmhub.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key that signs the tokens. Kept in a file (a JSON Web Key, owner-only) so that a restart keeps accepting
 * the tokens the registry has cached; without a file a new key is made at every start.
 */
final class SigningKey {

    private static final String PROPERTY = "dmhub.identity.signing-key-file";

    private SigningKey() {
    }

    static RSAKey load(Path file) {
        if (file == null) {
            return generate();
        }
        if (!Files.exists(file)) {
            RSAKey key = generate();
            try {
                SecretFiles.writeNew(file, key.toJSONString());
            } catch (IOException e) {
                throw new UncheckedIOException(PROPERTY + ": cannot write a new key to " + file + ": " + e.getMessage(), e);
            }
            return key;
        }
        try {
            RSAKey key = RSAKey.parse(SecretFiles.read(file, PROPERTY));
            if (!key.isPrivate()) {
                throw new IllegalArgumentException(PROPERTY + ": " + file + " holds a public key only; tokens need the private key");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalArgumentException(PROPERTY + ": " + file + " is not an RSA JSON Web Key: " + e.getMessage(), e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
