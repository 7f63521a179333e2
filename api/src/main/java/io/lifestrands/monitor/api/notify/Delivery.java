package io.lifestrands.monitor.api.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;

import java.time.Instant;

/**
 * One row of the delivery log: the notification of one transition of one alert episode on one channel.
 *
 * @param status      {@code queued} (waiting for its group), {@code retrying} (an attempt failed, another is
 *                    scheduled), {@code sent}, or {@code failed} (rejected by the receiver, or given up)
 * @param attempts    attempts of the current send (reset when a repeat is queued)
 * @param repeats     how often a still-firing alert was queued again after the repeat interval
 * @param lastStatus  HTTP status of the last attempt, if any
 * @param lastError   why the last attempt failed, if it did
 */
public record Delivery(String alertId, AlertState state, String channel, String fingerprint, String severity,
                       String rule, String service, String status, int attempts, int repeats,
                       Instant nextAttemptAt, Instant createdAt, Instant sentAt, Integer lastStatus,
                       String lastError, @JsonIgnore AlertEvent alert) {

    static final String QUEUED = "queued";
    static final String RETRYING = "retrying";
    static final String SENT = "sent";
    static final String FAILED = "failed";
}
