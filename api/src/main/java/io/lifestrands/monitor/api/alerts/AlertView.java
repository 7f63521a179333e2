package io.lifestrands.monitor.api.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert episode as the api shows it everywhere ({@code GET /alerts}, its history, the WebSocket snapshot and
 * {@code alert} messages, Redis): its latest transition, the seed's {@code level} (= severity) and its
 * acknowledgement.
 *
 * @param state          the latest transition's state
 * @param endsAt         when it resolved, or when a pending episode that never fired was closed; absent until then
 * @param acknowledgedBy who acknowledged it; absent while unacknowledged
 * @param comment        the acknowledgement comment; absent when none was given
 * @param silencedBy     per transition state ({@code pending}, {@code firing}, {@code resolved}) that a silence held,
 *                       the ids of the silences that held it; empty when none was silenced (or not known here: only
 *                       the history in PostgreSQL records it)
 */
public record AlertView(String id, String fingerprint, String rule, Severity severity, String service,
                        AlertState state, double value, double threshold, String message, Instant startsAt,
                        Instant endsAt, Map<String, String> labels, boolean acknowledged, String acknowledgedBy,
                        Instant acknowledgedAt, String comment, Map<String, List<String>> silencedBy) {

    public AlertView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        labels = Map.copyOf(labels);
        silencedBy = silencedBy == null ? Map.of() : Map.copyOf(silencedBy);
    }

    /** The episode as one transition leaves it, not acknowledged. */
    public static AlertView of(AlertEvent event) {
        return new AlertView(event.id(), event.fingerprint(), event.rule(), event.severity(), event.service(),
                event.state(), event.value(), event.threshold(), event.message(), event.startsAt(), event.endsAt(),
                event.labels(), false, null, null, null, Map.of());
    }

    /** The seed's name for the severity, kept for dashboards written against it. */
    @JsonProperty("level")
    public Severity level() {
        return severity;
    }

    /**
     * Whether the episode is over: resolved, or a pending episode closed (a second {@code pending} transition with
     * {@code ends_at}) because its condition stopped before it fired.
     */
    public boolean ended() {
        return state == AlertState.RESOLVED || endsAt != null;
    }

    public boolean firing() {
        return state == AlertState.FIRING && endsAt == null;
    }

    /** This episode acknowledged as {@code ack} says. */
    public AlertView acknowledgedBy(AlertAcknowledged ack) {
        return new AlertView(id, fingerprint, rule, severity, service, state, value, threshold, message, startsAt,
                endsAt, labels, true, ack.by(), ack.at(), ack.comment(), silencedBy);
    }

    /** Its acknowledgement; empty while unacknowledged. */
    public Optional<AlertAcknowledged> acknowledgement() {
        return acknowledged ? Optional.of(new AlertAcknowledged(id, acknowledgedBy, acknowledgedAt, comment))
                : Optional.empty();
    }
}
