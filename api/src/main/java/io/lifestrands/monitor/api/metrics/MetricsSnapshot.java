package io.lifestrands.monitor.api.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Body of {@code GET /metrics} and data of the WebSocket's {@code metrics_update}: current metrics per service. */
public record MetricsSnapshot(Instant timestamp, SortedMap<String, ServiceMetrics> services) {

    public MetricsSnapshot {
        Objects.requireNonNull(timestamp, "timestamp");
        services = new TreeMap<>(Map.copyOf(services));
    }
}
