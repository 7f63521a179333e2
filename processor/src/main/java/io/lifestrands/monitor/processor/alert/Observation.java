package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;

/**
 * One input to the engine for one alert: a measured value, a sign of life for an {@code absent} rule, or the
 * passing of time with nothing new (a tick of the wall-clock punctuator).
 */
public record Observation(AlertRule rule, String service, Kind kind, double value) {

    public enum Kind {
        /** A value of the rule's statistic. */
        VALUE,
        /** Data of the rule's metric arrived (what {@code absent} rules wait for). */
        SEEN,
        /** No input; the last known condition holds and timers run. */
        TICK
    }

    public Observation {
        if (rule == null || service == null || kind == null) {
            throw new IllegalArgumentException("rule, service and kind are required");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observed value must be finite, was " + value);
        }
    }

    public static Observation value(AlertRule rule, String service, double value) {
        return new Observation(rule, service, Kind.VALUE, value);
    }

    public static Observation seen(AlertRule rule, String service) {
        return new Observation(rule, service, Kind.SEEN, 0);
    }

    public static Observation tick(AlertRule rule, String service) {
        return new Observation(rule, service, Kind.TICK, 0);
    }
}
