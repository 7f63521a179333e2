package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A change of the monitor's own configuration, reported as an {@code event} {@link Sample} on
 * {@code monitor.samples.v1}: service {@value #SERVICE}, labels {@code event} = {@value #EVENT}, {@code subject}
 * (what changed) and {@code change}. The processor's default rule {@code configuration_change} turns each one into
 * an info alert. The processor reports changes of alert rules itself (subject {@code alert_rule:<name>}); the api
 * reports what only it sees, e.g. notification settings (subject {@code notification_settings}).
 *
 * @param subject what changed: a stable name of the thing, not of this change (it is part of the alert's identity)
 * @param change  how it changed
 */
public record ConfigChange(String subject, Change change) {

    /** The service id of the monitor itself, the key and {@code service} of these events. */
    public static final String SERVICE = "monitor";
    /** The {@code labels.event} of these events, and the derived metric their rule watches. */
    public static final String EVENT = "config_change";
    public static final String EVENT_LABEL = "event";
    public static final String SUBJECT_LABEL = "subject";
    public static final String CHANGE_LABEL = "change";
    /** Subject of a changed alert rule: this prefix and the rule's name. */
    public static final String RULE_SUBJECT_PREFIX = "alert_rule:";

    /** How the subject changed; on the wire in lower case. */
    public enum Change {
        ADDED, UPDATED, DELETED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ConfigChange {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank, was '" + subject + "'");
        }
        Checks.text("subject", subject);
        Checks.required("change", change);
    }

    /** The change of an alert rule. */
    public static ConfigChange ofRule(String ruleName, Change change) {
        return new ConfigChange(RULE_SUBJECT_PREFIX + ruleName, change);
    }

    /** The event to publish, keyed {@value #SERVICE}, on {@code monitor.samples.v1}. */
    public Sample toSample(String host, Instant ts) {
        return new Sample(Sample.VERSION, SampleKind.EVENT, host, SERVICE, ts, true, null, null, null, Map.of(),
                labels(Map.of(EVENT_LABEL, EVENT)));
    }

    /** {@code subject} and {@code change} added to {@code others}. */
    public Map<String, String> labels(Map<String, String> others) {
        Map<String, String> labels = new HashMap<>(others);
        labels.put(SUBJECT_LABEL, subject);
        labels.put(CHANGE_LABEL, change.wireName());
        return Map.copyOf(labels);
    }

    /**
     * The change an event sample reports: an {@code event} sample with {@code labels.event} = {@value #EVENT};
     * empty for any other sample. A missing or unknown {@code change} reads {@code updated}, a missing
     * {@code subject} {@code unknown}.
     */
    public static Optional<ConfigChange> of(Sample sample) {
        if (sample.kind() != SampleKind.EVENT || !EVENT.equals(sample.labels().get(EVENT_LABEL))) {
            return Optional.empty();
        }
        String subject = sample.labels().get(SUBJECT_LABEL);
        String change = sample.labels().get(CHANGE_LABEL);
        Change parsed = Change.UPDATED;
        for (Change candidate : Change.values()) {
            if (candidate.wireName().equals(change)) {
                parsed = candidate;
            }
        }
        return Optional.of(new ConfigChange(subject == null || subject.isBlank() ? "unknown" : subject, parsed));
    }
}
