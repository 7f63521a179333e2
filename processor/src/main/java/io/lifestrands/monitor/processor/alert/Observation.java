package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;

import java.util.Map;

/**
 * One input to the engine for one alert: a measured value, a sign of life for an {@code absent} rule, or the
 * passing of time with nothing new (a tick of the wall-clock punctuator).
 *
 * @param labels the alert's labels, part of its identity: the rule's labels, plus the series ({@code metric}) for a
 *               rule that selects several metrics, or an event's own labels
 * @param detail what the value came with, for the message's {@code {error}}: the reason of a status change; null
 *               when nothing
 */
public record Observation(AlertRule rule, String service, Map<String, String> labels, Kind kind, double value,
                          String detail) {

    public enum Kind {
        /** A value of the rule's statistic. */
        VALUE,
        /** Data of the rule's metric arrived (what {@code absent} rules wait for). */
        SEEN,
        /** No input; the last known condition holds and timers run. */
        TICK
    }

    public Observation {
        if (rule == null || service == null || labels == null || kind == null) {
            throw new IllegalArgumentException("rule, service, labels and kind are required");
        }
        labels = Map.copyOf(labels);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observed value must be finite, was " + value);
        }
    }

    /** A value for the alert with the rule's own labels. */
    public static Observation value(AlertRule rule, String service, double value) {
        return value(rule, service, rule.labels(), value);
    }

    public static Observation value(AlertRule rule, String service, Map<String, String> labels, double value) {
        return value(rule, service, labels, value, null);
    }

    /** A value that came with a detail, e.g. the reason of a status change. */
    public static Observation value(AlertRule rule, String service, Map<String, String> labels, double value,
                                    String detail) {
        return new Observation(rule, service, labels, Kind.VALUE, value, detail);
    }

    /** A sign of life for the alert with the rule's own labels. */
    public static Observation seen(AlertRule rule, String service) {
        return seen(rule, service, rule.labels());
    }

    public static Observation seen(AlertRule rule, String service, Map<String, String> labels) {
        return new Observation(rule, service, labels, Kind.SEEN, 0, null);
    }

    /** A tick for the alert with the rule's own labels. */
    public static Observation tick(AlertRule rule, String service) {
        return tick(rule, service, rule.labels());
    }

    public static Observation tick(AlertRule rule, String service, Map<String, String> labels) {
        return new Observation(rule, service, labels, Kind.TICK, 0, null);
    }
}
