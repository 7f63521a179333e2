package io.lifestrands.monitor.api.health;

import java.time.Instant;

/**
 * Result of the latest check of one dependency.
 *
 * @param status    {@code up}, {@code down} or {@code unknown} (not checked yet)
 * @param latencyMs how long the check took
 * @param error     the failure's type only, never its message (it may carry URLs or credentials)
 */
public record DependencyHealth(String status, Long latencyMs, String error, Instant checkedAt) {

    static final String UP = "up";
    static final String DOWN = "down";

    static DependencyHealth unknown() {
        return new DependencyHealth("unknown", null, "not checked yet", null);
    }

    public boolean up() {
        return UP.equals(status);
    }
}
