package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertAck;

import java.time.Instant;
import java.util.Objects;

/**
 * Spring application event published once when an operator acknowledges a firing alert episode on this api instance;
 * notification, the active alerts and the {@link AckPublisher} (which tells the other instances through
 * {@code monitor.alert-acks.v1}) listen for it (an acknowledged alert stops re-notifying until it resolves).
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

    /** An acknowledgement as read from {@code monitor.alert-acks.v1}. */
    public static AlertAcknowledged of(AlertAck ack) {
        return new AlertAcknowledged(ack.alertId(), ack.acknowledgedBy(), ack.acknowledgedAt(), ack.comment());
    }

    /** The record written to {@code monitor.alert-acks.v1}. */
    public AlertAck toRecord() {
        return new AlertAck(AlertAck.VERSION, alertId, by, at, comment);
    }
}
