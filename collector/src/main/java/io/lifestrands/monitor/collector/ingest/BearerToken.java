package io.lifestrands.monitor.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Checks an {@code Authorization: Bearer} header against the configured token in constant time. */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    /** @param token the configured token; blank means no token is required */
    public BearerToken(String token) {
        this.expectedDigest = token == null || token.isBlank() ? null : sha256(token.trim());
    }

    boolean required() {
        return expectedDigest != null;
    }

    /** Whether the header carries the token, or no token is required. */
    public boolean accepts(String authorization) {
        if (expectedDigest == null) {
            return true;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        // comparing digests keeps the time independent of both content and length of the given token
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
