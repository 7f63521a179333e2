package io.lifestrands.monitor.api.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert episode as the REST api shows it: its latest transition plus its acknowledgement.
 *
 * @param state          {@code pending}, {@code firing} or {@code resolved}
 * @param endsAt         when it resolved; absent until then
 * @param acknowledgedBy who acknowledged it; absent while unacknowledged
 * @param comment        the acknowledgement comment; absent when none was given
 */
public record AlertView(String id, String fingerprint, String rule, String severity, String service, String state,
                        double value, double threshold, String message, Instant startsAt, Instant endsAt,
                        Map<String, String> labels, boolean acknowledged, String acknowledgedBy,
                        Instant acknowledgedAt, String comment) {

    public AlertView {
        Objects.requireNonNull(id, "id");
        labels = Map.copyOf(labels);
    }

    public boolean firing() {
        return "firing".equals(state);
    }
}
