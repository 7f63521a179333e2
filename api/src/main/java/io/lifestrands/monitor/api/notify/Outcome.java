package io.lifestrands.monitor.api.notify;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param status     the HTTP status, or null for SMTP and connection failures
 * @param retryAfter the receiver's {@code Retry-After}, or null to use the back-off
 * @param error      why it failed, never containing a secret; null when sent
 */
record Outcome(Kind kind, Integer status, Duration retryAfter, String error) {

    enum Kind { SENT, RETRY, FAILED }

    static Outcome sent(Integer status) {
        return new Outcome(Kind.SENT, status, null, null);
    }

    static Outcome retry(Integer status, Duration retryAfter, String error) {
        return new Outcome(Kind.RETRY, status, retryAfter, error);
    }

    static Outcome failed(Integer status, String error) {
        return new Outcome(Kind.FAILED, status, null, error);
    }

    /** The same outcome with every secret in the error replaced by the mask. */
    Outcome redacted(Iterable<String> secrets) {
        if (error == null) {
            return this;
        }
        String text = error;
        for (String secret : secrets) {
            text = text.replace(secret, NotificationSettings.MASK);
        }
        return new Outcome(kind, status, retryAfter, text);
    }
}
