package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.Map;

/**
 * One transition of an alert on {@code monitor.alerts.v1}, keyed by {@code fingerprint}.
 *
 * @param id          unique per firing episode; what {@code POST /alerts/{id}/acknowledge} takes
 * @param fingerprint stable identity of rule + service + labels
 * @param value       the observed value that caused the transition
 * @param threshold   the rule's threshold
 * @param startsAt    when the condition first held in this episode
 * @param endsAt      when it resolved; absent until then
 */
public record AlertEvent(Integer v, String id, String fingerprint, String rule, Severity severity, String service,
                         AlertState state, double value, double threshold, String message, Instant startsAt,
                         Instant endsAt, Map<String, String> labels) {

    public static final int VERSION = 1;

    public AlertEvent {
        v = v == null ? VERSION : v;
        Checks.required("id", id);
        Checks.required("fingerprint", fingerprint);
        Checks.id("rule", rule);
        Checks.required("severity", severity);
        Checks.id("service", service);
        Checks.required("state", state);
        Checks.required("starts_at", startsAt);
        Checks.text("message", message);
        labels = Checks.labels(labels);
    }
}
