package io.lifestrands.monitor.processor.anomaly;

import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Statistic;

import java.util.List;

/**
 * One figure of one window metric that the detector follows per service, the way that figure goes wrong, and the
 * least absolute change that matters for it (so a tiny series, 2 ms going to 4 ms, raises nothing).
 *
 * @param minChange least absolute distance from the median, in the metric's unit; also sets the MAD's absolute
 *                  floor ({@code minChange / 10}) for series that sit at one value (an error rate of 0)
 */
public record Signal(String metric, Statistic statistic, AnomalyDirection direction, double minChange) {

    /**
     * The series the processor follows: the traffic's latency, errors and throughput ({@code latency_ms}), the
     * probes' p95 ({@code probe_latency_ms}; their rate is the collectors' schedule, no throughput), tokens/s and
     * GPU memory.
     */
    public static final List<Signal> DEFAULTS = List.of(
            new Signal(Names.LATENCY_MS, Statistic.P50, AnomalyDirection.UP, 20),
            new Signal(Names.LATENCY_MS, Statistic.P95, AnomalyDirection.UP, 20),
            new Signal(Names.LATENCY_MS, Statistic.P99, AnomalyDirection.UP, 20),
            new Signal(Names.LATENCY_MS, Statistic.ERROR_RATE, AnomalyDirection.UP, 0.05),
            new Signal(Names.LATENCY_MS, Statistic.RATE_PER_MIN, AnomalyDirection.DOWN, 5),
            new Signal(Names.PROBE_LATENCY_MS, Statistic.P95, AnomalyDirection.UP, 20),
            new Signal("tokens_per_second", Statistic.MEAN, AnomalyDirection.DOWN, 2),
            new Signal("vram_used_pct", Statistic.MEAN, AnomalyDirection.UP, 5),
            new Signal("gpu_memory_pct", Statistic.MEAN, AnomalyDirection.UP, 5));

    public Signal {
        if (metric == null || statistic == null || direction == null) {
            throw new IllegalArgumentException("metric, statistic and direction are required");
        }
        if (statistic == Statistic.ABSENT || !Double.isFinite(minChange) || minChange <= 0) {
            throw new IllegalArgumentException("a signal needs a window figure and a min change > 0, was "
                    + statistic + " and " + minChange);
        }
    }

    /** The signals of {@link #DEFAULTS} that follow {@code metric}. */
    public static List<Signal> of(String metric) {
        return DEFAULTS.stream().filter(signal -> signal.metric.equals(metric)).toList();
    }

    /**
     * This signal's value in {@code window}, NaN when the window has none; {@code window} must already be in the
     * metric's unit ({@link MetricWindow#inMetricUnit()}), as {@link #minChange} is.
     */
    double valueOf(MetricWindow window) {
        return window.statistic(statistic).orElse(Double.NaN);
    }
}
