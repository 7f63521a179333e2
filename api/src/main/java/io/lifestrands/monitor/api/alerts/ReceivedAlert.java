package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert transition as consumed from {@code monitor.alerts.v1}.
 *
 * @param recordTime the Kafka record's timestamp: when the transition was written
 * @param silencedBy the ids of the silences that held the transition at {@code recordTime}; empty when none did
 */
public record ReceivedAlert(AlertEvent event, Instant recordTime, List<String> silencedBy) {

    public ReceivedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(recordTime, "recordTime");
        silencedBy = silencedBy == null ? List.of() : List.copyOf(silencedBy);
    }

    /** A transition no silence held. */
    public ReceivedAlert(AlertEvent event, Instant recordTime) {
        this(event, recordTime, List.of());
    }
}
