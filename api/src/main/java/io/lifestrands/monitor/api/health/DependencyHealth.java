package io.lifestrands.monitor.api.health;

import java.time.Instant;

/**
 * Result of the latest check of one dependency or pipeline stage.
 *
 * @param status    {@code up}, {@code down}, {@code rebalancing} (the processor's group is moving its tasks) or
 *                  {@code unknown} (not checked yet, or the check could not tell)
 * @param latencyMs how long the check took; for the pipeline, the age of the last metric window
 * @param error     why it is not up: a failure's type only, never an exception's message (it may carry URLs or
 *                  credentials), or a reason the api words itself
 */
public record DependencyHealth(String status, Long latencyMs, String error, Instant checkedAt) {

    static final String UP = "up";
    static final String DOWN = "down";
    static final String UNKNOWN = "unknown";
    static final String REBALANCING = "rebalancing";

    static DependencyHealth unknown() {
        return new DependencyHealth(UNKNOWN, null, "not checked yet", null);
    }

    public boolean up() {
        return UP.equals(status);
    }

    boolean down() {
        return DOWN.equals(status);
    }
}
