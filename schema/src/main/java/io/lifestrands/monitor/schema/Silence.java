package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A silence on the compacted {@code monitor.silences.v1}, keyed by {@code id}: alerts whose labels satisfy every
 * matcher between {@code starts_at} and {@code ends_at} are evaluated and recorded as usual but not notified. The
 * shape is Alertmanager's (API v2), so its clients can manage silences here; expiring one early rewrites it with
 * {@code ends_at} now.
 *
 * @param id        the silence's id
 * @param matchers  at least one; an alert must satisfy all of them
 * @param startsAt  when it starts silencing
 * @param endsAt    when it stops; not before {@code starts_at} (equal: it never silenced anything)
 * @param createdBy who made it
 * @param comment   why
 * @param updatedAt when it was last written
 */
public record Silence(Integer v, String id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt,
                      String createdBy, String comment, Instant updatedAt) {

    public static final int VERSION = 1;
    /** The label a matcher names for an alert's rule, as Alertmanager calls it. */
    public static final String ALERTNAME = "alertname";

    public enum State { PENDING, ACTIVE, EXPIRED }

    public Silence {
        v = v == null ? VERSION : v;
        Checks.id("id", id);
        Checks.required("matchers", matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers must name at least one matcher");
        }
        matchers = List.copyOf(matchers);
        Checks.required("starts_at", startsAt);
        Checks.required("ends_at", endsAt);
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("ends_at must not be before starts_at " + startsAt + ", was "
                    + endsAt);
        }
        Checks.required("created_by", createdBy);
        Checks.text("created_by", createdBy);
        Checks.required("comment", comment);
        Checks.text("comment", comment);
        Checks.required("updated_at", updatedAt);
    }

    /** {@code pending} before it starts, {@code active} until it ends, {@code expired} after. */
    public State state(Instant now) {
        if (now.isBefore(startsAt)) {
            return State.PENDING;
        }
        return now.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
    }

    /** Whether it silences, at {@code now}, an alert with these labels ({@link #labelsOf}). */
    public boolean silences(Map<String, String> labels, Instant now) {
        return state(now) == State.ACTIVE && matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /**
     * This silence ended at {@code now}: what expiring it early writes. One that has not started yet starts and ends
     * now, so it never silences anything (as Alertmanager expires a pending silence).
     */
    public Silence expiredAt(Instant now) {
        Instant start = now.isBefore(startsAt) ? now : startsAt;
        return new Silence(v, id, matchers, start, now, createdBy, comment, now);
    }

    /**
     * The labels a matcher sees on an alert: its own labels, and {@code alertname} (the rule), {@code service} and
     * {@code severity}, which win over labels of the same names.
     */
    public static Map<String, String> labelsOf(AlertEvent alert) {
        return labelsOf(alert.rule(), alert.service(), alert.severity(), alert.labels());
    }

    /** {@link #labelsOf(AlertEvent)} from an alert's parts. */
    public static Map<String, String> labelsOf(String rule, String service, Severity severity,
                                               Map<String, String> alertLabels) {
        Map<String, String> labels = new HashMap<>(alertLabels);
        labels.put(ALERTNAME, rule);
        labels.put("service", service);
        labels.put("severity", severity.name().toLowerCase(Locale.ROOT));
        return Map.copyOf(labels);
    }
}
