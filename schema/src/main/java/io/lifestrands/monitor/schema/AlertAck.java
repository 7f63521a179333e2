package io.lifestrands.monitor.schema;

import java.time.Instant;

/**
 * An operator's acknowledgement of one alert episode on the compacted {@code monitor.alert-acks.v1}, keyed by
 * {@code alert_id}: the api instance that records it writes it, and every api instance applies it to its active alerts.
 *
 * @param alertId        the {@code id} of the {@link AlertEvent} episode
 * @param acknowledgedBy who acknowledged it
 * @param acknowledgedAt when it was recorded
 * @param comment        the operator's comment; absent when none was given
 */
public record AlertAck(Integer v, String alertId, String acknowledgedBy, Instant acknowledgedAt, String comment) {

    public static final int VERSION = 1;

    public AlertAck {
        v = v == null ? VERSION : v;
        Checks.required("alert_id", alertId);
        Checks.text("alert_id", alertId);
        Checks.required("acknowledged_by", acknowledgedBy);
        Checks.text("acknowledged_by", acknowledgedBy);
        Checks.required("acknowledged_at", acknowledgedAt);
        Checks.text("comment", comment);
    }
}
