package io.lifestrands.monitor.api.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * Spring application event published once when an operator acknowledges a firing alert episode; notification and
 * the WebSocket feed listen for it (an acknowledged alert stops re-notifying until it resolves).
 *
 * @param alertId the {@code id} of the {@code AlertEvent} episode
 * @param by      who acknowledged it
 * @param at      when it was acknowledged
 * @param comment optional operator comment, may be null
 */
public record AlertAcknowledged(String alertId, String by, Instant at, String comment) {

    public AlertAcknowledged {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
