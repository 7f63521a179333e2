package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert transition as consumed from {@code monitor.alerts.v1}.
 *
 * @param recordTime the Kafka record's timestamp: when the transition was written
 */
public record ReceivedAlert(AlertEvent event, Instant recordTime) {

    public ReceivedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(recordTime, "recordTime");
    }
}
