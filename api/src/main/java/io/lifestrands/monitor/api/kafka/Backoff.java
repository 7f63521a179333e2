package io.lifestrands.monitor.api.kafka;

import java.time.Duration;

/** Bounded exponential back-off: {@code initial}, doubled per consecutive failure, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** Delay before retry number {@code failures} (1 for the first failure). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ms = initial.toMillis() << doublings;
        return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
    }
}
