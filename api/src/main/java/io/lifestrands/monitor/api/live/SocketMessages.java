package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.metrics.MetricsSnapshot;
import io.lifestrands.monitor.api.metrics.ServiceMetrics;
import io.lifestrands.monitor.schema.StatusChange;

import java.time.Instant;
import java.util.SortedMap;

/** The messages of {@code /ws/monitor}, in the seed's shapes. */
final class SocketMessages {

    static final String SNAPSHOT = "snapshot";
    static final String METRICS_UPDATE = "metrics_update";
    static final String STATUS_CHANGE = "status_change";

    private SocketMessages() {
    }

    /** Sent once on connect: the {@code /metrics} body plus every service's status. */
    record Snapshot(String type, SnapshotData data, Instant timestamp) {
        static Snapshot of(MetricsSnapshot metrics, SortedMap<String, ServiceHealth> statuses) {
            return new Snapshot(SNAPSHOT, new SnapshotData(metrics.timestamp(), metrics.services(), statuses),
                    metrics.timestamp());
        }
    }

    record SnapshotData(Instant timestamp, SortedMap<String, ServiceMetrics> services,
                        SortedMap<String, ServiceHealth> statuses) {
    }

    /** Sent every push interval: the {@code /metrics} body. */
    record MetricsUpdate(String type, MetricsSnapshot data, Instant timestamp) {
        static MetricsUpdate of(MetricsSnapshot metrics) {
            return new MetricsUpdate(METRICS_UPDATE, metrics, metrics.timestamp());
        }
    }

    /** Sent when a service's status changes; {@code timestamp} is the change's event time. */
    record StatusChangeMessage(String type, String service, String oldStatus, String newStatus, Instant timestamp,
                               String reason, String host) {
        static StatusChangeMessage of(StatusChange change) {
            return new StatusChangeMessage(STATUS_CHANGE, change.service(), change.oldStatus().wire(),
                    change.newStatus().wire(), change.ts(), change.reason(), change.host());
        }
    }
}
