package io.lifestrands.monitor.fleetsim;

import java.util.Locale;

/** A failure a simulated service can be switched into, from code or via {@code POST /fault?type=...}. */
public enum Fault {
    /** Normal operation. */
    NONE,
    /** The listener is closed: connections are refused until the fault clears. */
    DOWN,
    /** Every request takes about 2.5 s longer. */
    SLOW,
    /** Half of the requests answer 500. */
    ERRORS,
    /** The model service reports VRAM usage of 97 % or more (other services are unaffected). */
    VRAM_SPIKE,
    /**
     * No lasting state: the service restarts. Its listener closes and opens again, at once or after the fault's
     * duration (refusing connections meanwhile, the fault then reads {@link #DOWN}), as a new instance: a new
     * {@code instance_id} and {@code started_at} in {@code /health}. It comes back without a fault.
     */
    RESTART;

    /**
     * Parses the {@code type} query parameter of the control endpoint.
     *
     * @throws IllegalArgumentException naming the value when it is not a fault
     */
    static Fault parse(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type is required: down, slow, errors, vram_spike, restart or none");
        }
        try {
            return valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be down, slow, errors, vram_spike, restart or none, was '"
                    + type + "'");
        }
    }

    /** The name used on the wire, e.g. {@code vram_spike}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
