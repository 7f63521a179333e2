package io.lifestrands.monitor.api.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.Statistic;

import java.time.Instant;
import java.util.List;
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
 * @param responseTimeMs    p50 of the latest {@code latency_ms} window; null (unavailable, never 0) without one or
 *                          when it holds no data
 * @param latencyMs         p50/p95/p99 of that window in milliseconds; null likewise
 * @param requestsPerMinute samples per minute of that window; null likewise
 * @param errorRate         failed share of that window, 0 to 1; null likewise
 * @param timeouts          how many of that window's errors were timeouts: 0 when none, null without data
 * @param metrics           mean of the latest window of every other metric, e.g. {@code vram_used_pct}; null for a
 *                          metric whose current window holds no data
 * @param windowEnd         end of the latency window, else of the newest window shown
 * @param lastDataAt        end of the newest one-minute window of the service that held data (its data stopped at
 *                          most a minute before); with the figures null it says
 *                          how long the data has been missing; null when the service never reported any
 * @param deadLetters       the service's dead letters by reason, {@code implausible} (values out of their plausible
 *                          range, dropped from the sample) and {@code late}, over what the dead-letter topic keeps;
 *                          left out when none
 * @param anomalies         the service's open anomaly episodes, newest start first; an empty list when none
 */
public record ServiceMetrics(String status, String modelType, String platform,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double responseTimeMs,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Percentiles latencyMs,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double requestsPerMinute,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double errorRate,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Long timeouts,
                             @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
                             SortedMap<String, Double> metrics, Instant windowEnd, Instant lastDataAt,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, Long> deadLetters,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<Anomaly> anomalies) {

    public ServiceMetrics {
        Objects.requireNonNull(status, "status");
        // a metric without data stays in the map as null: shown as unavailable, never as 0
        metrics = new TreeMap<>(metrics);
        deadLetters = deadLetters == null ? new TreeMap<>() : new TreeMap<>(deadLetters);
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    }

    /** This entry with the service's dead-letter counts. */
    ServiceMetrics withDeadLetters(SortedMap<String, Long> counts) {
        return new ServiceMetrics(status, modelType, platform, responseTimeMs, latencyMs, requestsPerMinute, errorRate,
                timeouts, metrics, windowEnd, lastDataAt, counts, anomalies);
    }

    /** This entry with the service's open anomaly episodes. */
    ServiceMetrics withAnomalies(List<AnomalyEpisode> open) {
        return new ServiceMetrics(status, modelType, platform, responseTimeMs, latencyMs, requestsPerMinute, errorRate,
                timeouts, metrics, windowEnd, lastDataAt, deadLetters, open.stream().map(Anomaly::of).toList());
    }

    /**
     * An open anomaly episode of the service, as {@code monitor.anomalies.v1} carries it.
     *
     * @param observed the value that opened the episode
     * @param baseline the median it was compared with
     * @param score    the robust score of {@code observed}
     */
    public record Anomaly(String metric, Statistic statistic, Instant start, double observed, double baseline,
                          double score, AnomalyDirection direction) {

        static Anomaly of(AnomalyEpisode episode) {
            return new Anomaly(episode.metric(), episode.statistic(), episode.start(), episode.observed(),
                    episode.baseline(), episode.score(), episode.direction());
        }
    }

    /** Latency percentiles in milliseconds. */
    public record Percentiles(double p50, double p95, double p99) {
    }
}
