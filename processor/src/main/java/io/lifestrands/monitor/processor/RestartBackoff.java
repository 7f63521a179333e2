package io.lifestrands.monitor.processor;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before the next start of a failed Streams client: {@code first}, doubling per failure in a row up
 * to {@code max}, and {@code first} again once a client has been running for {@code stableAfter}. Not thread-safe:
 * one supervisor thread uses it.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    /** Twice the longest delay: a client that ran this long was not caught in a crash loop. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final Duration first;
    private final Duration max;
    private final Duration stableAfter;
    private int failuresInARow;
    private Instant runningSince;

    RestartBackoff(Duration first, Duration max, Duration stableAfter) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || stableAfter.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max and stableAfter >= 0, was first "
                    + first + ", max " + max + ", stableAfter " + stableAfter);
        }
        this.first = first;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    static RestartBackoff defaults() {
        return new RestartBackoff(FIRST, MAX, STABLE_AFTER);
    }

    /** A client was started; it has not run yet. */
    void started() {
        runningSince = null;
    }

    /** The current client reached RUNNING at {@code now}; later RUNNINGs after a rebalance keep the first time. */
    void running(Instant now) {
        if (runningSince == null) {
            runningSince = now;
        }
    }

    /** The current client failed at {@code now}, or a start failed: returns the delay before the next start. */
    Duration failed(Instant now) {
        if (runningSince != null && !Duration.between(runningSince, now).minus(stableAfter).isNegative()) {
            failuresInARow = 0;
        }
        runningSince = null;
        failuresInARow++;
        Duration delay = first;
        for (int i = 1; i < failuresInARow && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
