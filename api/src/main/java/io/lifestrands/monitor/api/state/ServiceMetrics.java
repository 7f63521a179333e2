package io.lifestrands.monitor.api.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.MaintenanceCalendar;
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
 * @param status            {@code up}, {@code degraded}, {@code down} or {@code unknown}; {@code maintenance} while a
 *                          maintenance window covers the service
 * @param modelType         the model the service runs (label {@code model_type} of its latest labelled sample, as
 *                          the model probe sets it); absent when unknown
 * @param platform          label {@code platform} of that sample, e.g. {@code windows-vulkan}; absent when unknown
 * @param responseTimeMs    p50 in milliseconds of the service's traffic (its current {@code latency_ms} window, the
 *                          requests it served); null (unavailable, never 0) without traffic data, even when probes
 *                          measure it: a probe's latency is in {@code probe}
 * @param latencyMs         p50/p95/p99 of that traffic window in milliseconds; null likewise
 * @param requestsPerMinute requests per minute of that traffic window; null likewise (never a probe count)
 * @param errorRate         failed share of those requests, 0 to 1; null likewise
 * @param timeouts          how many of those requests timed out: 0 when none, null without traffic data
 * @param traffic           the request figures again as a block labelled {@code source: "traffic"}, with the window's
 *                          accuracy; null without traffic data
 * @param probe             the collectors' probe figures ({@code probe_latency_ms}), labelled {@code source: "probe"};
 *                          null without probe data
 * @param metrics           mean of the latest window of every other metric, e.g. {@code vram_used_pct}; null for a
 *                          metric whose current window holds no data
 * @param windowEnd         end of the traffic window, else of the probe window, else of the newest window shown
 * @param lastDataAt        end of the newest one-minute window of the service that held data (its data stopped at
 *                          most a minute before); with the figures null it says
 *                          how long the data has been missing; null when the service never reported any
 * @param deadLetters       the service's dead letters by reason, {@code implausible} (values out of their plausible
 *                          range, dropped from the sample) and {@code late}, over what the dead-letter topic keeps;
 *                          left out when none
 * @param anomalies         the service's open anomaly episodes, newest start first; an empty list when none
 * @param probedStatus      in maintenance, the status the probes give, which {@code status} hides; absent otherwise
 * @param maintenance       the ids of the maintenance windows active for the service; absent when none is
 */
public record ServiceMetrics(String status, String modelType, String platform,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double responseTimeMs,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Percentiles latencyMs,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double requestsPerMinute,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double errorRate,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Long timeouts,
                             @JsonInclude(JsonInclude.Include.ALWAYS) TrafficFigures traffic,
                             @JsonInclude(JsonInclude.Include.ALWAYS) ProbeFigures probe,
                             @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
                             SortedMap<String, Double> metrics, Instant windowEnd, Instant lastDataAt,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, Long> deadLetters,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<Anomaly> anomalies,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String probedStatus,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> maintenance) {

    public ServiceMetrics {
        Objects.requireNonNull(status, "status");
        // a metric without data stays in the map as null: shown as unavailable, never as 0
        metrics = new TreeMap<>(metrics);
        deadLetters = deadLetters == null ? new TreeMap<>() : new TreeMap<>(deadLetters);
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
    }

    /** This entry with the service's dead-letter counts. */
    ServiceMetrics withDeadLetters(SortedMap<String, Long> counts) {
        return new ServiceMetrics(status, modelType, platform, responseTimeMs, latencyMs, requestsPerMinute, errorRate,
                timeouts, traffic, probe, metrics, windowEnd, lastDataAt, counts, anomalies, probedStatus, maintenance);
    }

    /** This entry with the service's open anomaly episodes. */
    ServiceMetrics withAnomalies(List<AnomalyEpisode> open) {
        return new ServiceMetrics(status, modelType, platform, responseTimeMs, latencyMs, requestsPerMinute, errorRate,
                timeouts, traffic, probe, metrics, windowEnd, lastDataAt, deadLetters,
                open.stream().map(Anomaly::of).toList(), probedStatus, maintenance);
    }

    /** This entry with status {@code maintenance} and the probed one beside it; unchanged without {@code windows}. */
    ServiceMetrics inMaintenance(List<String> windows) {
        return windows.isEmpty() ? this : new ServiceMetrics(MaintenanceCalendar.STATUS, modelType, platform,
                responseTimeMs, latencyMs, requestsPerMinute, errorRate, timeouts, traffic, probe, metrics, windowEnd,
                lastDataAt, deadLetters, anomalies, status, windows);
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

    /**
     * The requests the service served, from its current {@code latency_ms} window in milliseconds.
     *
     * @param source            always {@code traffic}
     * @param requestsPerMinute requests per minute
     * @param errorRate         failed share of the requests, 0 to 1
     * @param timeouts          requests that timed out, 0 when none
     * @param accuracy          the percentiles' relative accuracy when the window says it is coarser than the
     *                          sketch's own (histogram buckets); absent otherwise
     */
    public record TrafficFigures(String source, double responseTimeMs, Percentiles latencyMs,
                                 double requestsPerMinute, double errorRate, long timeouts,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracy, Instant windowEnd) {
    }

    /**
     * The collectors' checks of the service, from its current {@code probe_latency_ms} window.
     *
     * @param source          always {@code probe}
     * @param latencyMs       probe latency p50/p95/p99 in milliseconds
     * @param checksPerMinute probes per minute (never requests)
     * @param errorRate       failed share of the probes, 0 to 1
     * @param availability    succeeded share of the probes, {@code 1 - error_rate}
     * @param timeouts        probes that timed out, 0 when none
     * @param accuracy        as in {@link TrafficFigures}
     */
    public record ProbeFigures(String source, Percentiles latencyMs, double checksPerMinute, double errorRate,
                               double availability, long timeouts,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracy, Instant windowEnd) {
    }
}
