package io.lifestrands.monitor.api.state;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Current metrics of one service, shaped like the seed's "System Metrics".
 *
 * @param status            {@code up}, {@code degraded}, {@code down} or {@code unknown}
 * @param modelType         the model the service runs (label {@code model_type} of its latest labelled sample, as
 *                          the model probe sets it); absent when unknown
 * @param platform          label {@code platform} of that sample, e.g. {@code windows-vulkan}; absent when unknown
 * @param responseTimeMs    p50 of the latest {@code latency_ms} window; absent without one
 * @param latencyMs         p50/p95/p99 of that window in milliseconds
 * @param requestsPerMinute samples per minute of that window
 * @param errorRate         failed share of that window, 0 to 1
 * @param timeouts          how many of that window's errors were timeouts: 0 when none, null without the window
 * @param metrics           mean of the latest window of every other metric, e.g. {@code vram_used_pct}
 * @param windowEnd         end of the latency window, else of the newest window shown
 */
public record ServiceMetrics(String status, String modelType, String platform, Double responseTimeMs,
                             Percentiles latencyMs, Double requestsPerMinute, Double errorRate,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Long timeouts,
                             SortedMap<String, Double> metrics, Instant windowEnd) {

    public ServiceMetrics {
        Objects.requireNonNull(status, "status");
        metrics = new TreeMap<>(Map.copyOf(metrics));
    }

    /** Latency percentiles in milliseconds. */
    public record Percentiles(double p50, double p95, double p99) {
    }
}
