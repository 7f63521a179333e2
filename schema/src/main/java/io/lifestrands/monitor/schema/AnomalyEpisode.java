package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.Locale;

/**
 * One transition of an anomaly episode of one series on {@code monitor.anomalies.v1}, keyed by
 * {@code service|metric|statistic}, or of a cross-source consistency finding about one service, keyed by
 * {@code service|finding}: sent once when it opens and once when it closes. The identity of an episode is
 * (service, metric, statistic, resolution, start, finding).
 *
 * @param metric     the window metric the series is taken from, e.g. {@code latency_ms}
 * @param statistic  the figure of each window that forms the series, e.g. {@code p95}
 * @param resolution the windows the series is made of ({@code 1m})
 * @param start      start of the first anomalous window of the episode
 * @param end        end of its last anomalous window; absent while the episode is open
 * @param observed   the series' value: at opening the value that opened it, at closing the most anomalous one since
 *                   it opened
 * @param baseline   the median of the history that {@code observed} was compared with
 * @param score      the robust score of {@code observed}: 0.6745 (observed - median) / MAD, the MAD floored
 * @param direction  which way the series moved ({@code up} for latency and errors, {@code down} for throughput)
 * @param kind       absent or {@code anomaly} for a series that left its baseline; {@code consistency} for a finding
 *                   that two sources disagree about the service (then {@code observed} is the figure of the source
 *                   that disagrees and {@code baseline} the limit it crossed)
 * @param finding    which disagreement a consistency finding is, e.g. {@code probe_up_traffic_failing}; only with
 *                   kind {@code consistency}
 * @param message    a human sentence naming both sources and their figures; only with kind {@code consistency}
 */
public record AnomalyEpisode(Integer v, String service, String metric, Statistic statistic, String resolution,
                             AnomalyState state, Instant start, Instant end, double observed, double baseline,
                             double score, AnomalyDirection direction, AnomalyKind kind, String finding,
                             String message) {

    /** An anomaly episode of a series (no kind, finding or message on the wire). */
    public AnomalyEpisode(Integer v, String service, String metric, Statistic statistic, String resolution,
                          AnomalyState state, Instant start, Instant end, double observed, double baseline,
                          double score, AnomalyDirection direction) {
        this(v, service, metric, statistic, resolution, state, start, end, observed, baseline, score, direction,
                null, null, null);
    }

    public static final int VERSION = 1;
    /**
     * Prefix of the metric an alert rule names to take an anomaly as its condition: {@code anomaly:latency_ms} with
     * statistic {@code p95} watches the episodes of {@code latency_ms/p95}.
     */
    public static final String RULE_METRIC_PREFIX = "anomaly:";

    public AnomalyEpisode {
        v = v == null ? VERSION : v;
        Checks.id("service", service);
        Checks.id("metric", metric);
        Checks.required("statistic", statistic);
        Checks.id("resolution", resolution);
        Checks.required("state", state);
        Checks.required("start", start);
        if ((state == AnomalyState.CLOSED) != (end != null)) {
            throw new IllegalArgumentException("end must be set exactly when the state is closed, was " + end
                    + " with state " + state);
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end must not be before start " + start + ", was " + end);
        }
        Checks.finite("observed", observed);
        Checks.finite("baseline", baseline);
        Checks.finite("score", score);
        Checks.required("direction", direction);
        if (kind == AnomalyKind.CONSISTENCY) {
            Checks.id("finding", finding);
            Checks.required("message", message);
        } else if (finding != null || message != null) {
            throw new IllegalArgumentException("finding and message belong to kind consistency, was kind " + kind
                    + " with finding " + finding);
        }
    }

    /** Whether this is a cross-source consistency finding rather than an anomaly of one series. */
    public boolean consistency() {
        return kind == AnomalyKind.CONSISTENCY;
    }

    /**
     * The record key: {@code service|metric|statistic}, e.g. {@code gateway|latency_ms|p95}; for a consistency
     * finding {@code service|finding}, e.g. {@code gateway|probe_up_traffic_failing}, so a finding never shares a key
     * with the anomaly episodes of the series it names.
     */
    public String key() {
        return consistency() ? service + "|" + finding
                : service + "|" + metric + "|" + statistic.name().toLowerCase(Locale.ROOT);
    }

    /** The metric an alert rule names to watch this series' episodes, e.g. {@code anomaly:latency_ms}. */
    public String ruleMetric() {
        return RULE_METRIC_PREFIX + metric;
    }
}
