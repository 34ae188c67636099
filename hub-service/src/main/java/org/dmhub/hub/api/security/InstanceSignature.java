package org.dmhub.hub.api.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dmhub.secrets.OwnerOnlyFiles;

/**
 * How one hub instance proves to another that a request for the part of the view the other holds comes from a hub
 * instance: an HMAC-SHA256, under the secret every instance shares ({@code dmhub.security.api.forwarding-secret-file}),
 * of the request's method, path and query and of the time it was signed. The secret never travels; a signature is
 * good for one path and query and for {@link #VALIDITY} only, and grants reading (the role VIEWER) only: what the
 * instance asked had checked that its caller may read.
 */
public final class InstanceSignature {

    /** The header that carries the signature: {@code t=<epoch milliseconds>,s=<base64url HMAC>}. */
    public static final String HEADER = "X-DmHub-Instance-Signature";
    /** How far the signing time may be from the receiver's clock, either way. */
    static final Duration VALIDITY = Duration.ofSeconds(60);
    private static final String PROPERTY = "dmhub.security.api.forwarding-secret-file";
    private static final int MIN_SECRET_LENGTH = 32;

    private final SecretKeySpec key;
    private final Clock clock;

    InstanceSignature(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** The shared secret from its file (owner-only; at least 32 characters, surrounding white space left out). */
    public static InstanceSignature fromFile(Path file, Clock clock) {
        String secret = OwnerOnlyFiles.read(file, PROPERTY).strip();
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(PROPERTY + ": " + file + " holds " + secret.length() + " characters; the secret needs"
                    + " at least " + MIN_SECRET_LENGTH + " (e.g. openssl rand -base64 48), the same on every hub instance");
        }
        return new InstanceSignature(secret.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** The value of {@link #HEADER} for a GET of {@code uri}. */
    public String sign(URI uri) {
        long now = clock.millis();
        return "t=" + now + ",s=" + mac(now, "GET", pathAndQuery(uri.getRawPath(), uri.getRawQuery()));
    }

    /** Whether {@code header} signs this method, raw path and raw query, within {@link #VALIDITY} of now. */
    boolean verifies(String header, String method, String rawPath, String rawQuery) {
        String[] parts = header.split(",", 2);
        if (parts.length != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("s=")) {
            return false;
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(parts[0].substring(2));
        } catch (NumberFormatException notATime) {
            return false;
        }
        if (Math.abs(clock.millis() - signedAt) > VALIDITY.toMillis()) {
            return false;
        }
        byte[] expected = mac(signedAt, method, pathAndQuery(rawPath, rawQuery)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[1].substring(2).getBytes(StandardCharsets.US_ASCII));
    }

    private static String pathAndQuery(String rawPath, String rawQuery) {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    private String mac(long signedAt, String method, String pathAndQuery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((signedAt + "\n" + method + "\n" + pathAndQuery).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
