package io.lifestrands.monitor.api;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/** Named builders for the records the api consumes. */
public final class TestRecords {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestRecords() {
    }

    /** A window of the given values with a real sketch; {@code errors} of them count as failed. */
    public static MetricWindow window(String service, String metric, String resolution, Instant start,
                                      Duration length, long errors, double... values) {
        DDSketch sketch = SketchCodec.newSketch();
        Arrays.stream(values).forEach(sketch::accept);
        double sum = Arrays.stream(values).sum();
        double count = values.length;
        double minutes = length.toMillis() / 60_000.0;
        return new MetricWindow(null, service, metric, resolution, start, start.plus(length), values.length, errors,
                sum, Arrays.stream(values).min().orElse(0), Arrays.stream(values).max().orElse(0),
                count == 0 ? 0 : sum / count, quantile(sketch, 0.5), quantile(sketch, 0.95), quantile(sketch, 0.99),
                count / minutes, count == 0 ? 0 : errors / count, SketchCodec.toBase64(sketch), null);
    }

    /** A one-minute {@code 1m} window. */
    /** {@code w} with its values declared in {@code unit} (as histograms name it) and its percentiles' accuracy. */
    public static MetricWindow withUnit(MetricWindow w, String unit, Double relativeAccuracy) {
        return new MetricWindow(w.v(), w.service(), w.metric(), w.resolution(), w.windowStart(), w.windowEnd(),
                w.count(), w.errors(), w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(), w.ratePerMin(),
                w.errorRate(), w.sketch(), w.last(), w.timeouts(), unit, relativeAccuracy);
    }

    public static MetricWindow window(String service, String metric, Instant start, double... values) {
        return window(service, metric, "1m", start, Duration.ofMinutes(1), 0, values);
    }

    public static StatusChange change(String service, ServiceStatus from, ServiceStatus to, Instant ts) {
        return new StatusChange(null, service, from, to, ts, "host-a",
                to == ServiceStatus.UP ? null : "connection refused", 12.5);
    }

    /**
     * The {@code open} (end null) or {@code closed} transition of a 1m {@code latency_ms}/{@code p95} episode of
     * {@code service} starting at {@code start}, as the processor writes it.
     */
    public static AnomalyEpisode anomaly(String service, Instant start, Instant end, double observed) {
        return new AnomalyEpisode(null, service, "latency_ms", Statistic.P95, "1m",
                end == null ? AnomalyState.OPEN : AnomalyState.CLOSED, start, end, observed, 400, 6.5,
                AnomalyDirection.UP);
    }

    /** A transition of the alert episode {@code id} of rule {@code rule} on {@code service}. */
    public static AlertEvent alert(String id, String rule, Severity severity, String service, AlertState state,
                                   Instant startsAt) {
        return new AlertEvent(null, id, rule + "/" + service, rule, severity, service, state, 2500, 2000,
                rule + " on " + service, startsAt, state == AlertState.RESOLVED ? startsAt.plusSeconds(300) : null,
                Map.of("team", "core"));
    }

    private static double quantile(DDSketch sketch, double q) {
        return sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(q);
    }
}
