package io.lifestrands.monitor.api.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Body of {@code GET /metrics} and data of the WebSocket's {@code metrics_update}: current metrics per service, and the
 * seed's {@code infrastructure} section (database and Redis).
 *
 * @param infrastructure absent only in a snapshot narrowed to some services
 */
public record MetricsSnapshot(Instant timestamp, SortedMap<String, ServiceMetrics> services,
                              Infrastructure infrastructure) {

    public MetricsSnapshot {
        Objects.requireNonNull(timestamp, "timestamp");
        services = new TreeMap<>(Map.copyOf(services));
    }

    /** A snapshot of these services only, without the infrastructure section. */
    public MetricsSnapshot(Instant timestamp, SortedMap<String, ServiceMetrics> services) {
        this(timestamp, services, null);
    }
}
