package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.schema.AlertEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as the live feed shows it: the {@code AlertEvent} fields, the seed's {@code level} (= severity) and the
 * acknowledgement of its episode, if any.
 *
 * @param acknowledgedBy who acknowledged the episode; absent until then
 * @param comment        the operator's comment on the acknowledgement, may be absent
 */
public record AlertView(String id, String fingerprint, String rule, String severity, String level, String service,
                        String state, double value, double threshold, String message, Instant startsAt,
                        Instant endsAt, Map<String, String> labels, boolean acknowledged, String acknowledgedBy,
                        Instant acknowledgedAt, String comment) {

    public AlertView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        labels = Map.copyOf(labels);
    }

    static AlertView of(AlertEvent event) {
        String severity = event.severity().name().toLowerCase(Locale.ROOT);
        return new AlertView(event.id(), event.fingerprint(), event.rule(), severity, severity, event.service(),
                event.state().name().toLowerCase(Locale.ROOT), event.value(), event.threshold(),
                event.message(), event.startsAt(), event.endsAt(), event.labels(), false, null, null, null);
    }

    AlertView acknowledgedBy(AlertAcknowledged ack) {
        return new AlertView(id, fingerprint, rule, severity, level, service, state, value, threshold, message,
                startsAt, endsAt, labels, true, ack.by(), ack.at(), ack.comment());
    }
}
