package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * An aggregate of one metric of one service over one window, on {@code monitor.metrics.v1}.
 *
 * <p>Percentiles come from {@code sketch}, the base64 DDSketch of every value in the window (see
 * {@link io.lifestrands.monitor.schema.sketch.SketchCodec}); merge sketches to combine windows, never average
 * percentiles. {@code rate_per_min} is {@code count} per minute of window length; {@code error_rate} is
 * {@code errors / count} (0 to 1). {@code last} is the value with the latest event time in the window, for gauges
 * (VRAM %, queue sizes, CPU); it is absent when the producer does not track it. {@code timeouts} is how many of
 * the {@code errors} were timeouts ({@link Sample#timedOut()}); absent when there were none (or the producer does
 * not count them). {@code unit} is the unit of the values, sketch and percentiles when they came from histograms that
 * named one (kept in the source unit, so histogram buckets map to sketch bins exactly); absent for the metric's own
 * unit. {@code relative_accuracy} is the accuracy the percentiles really have when some values were placed at the
 * representative value of a histogram bucket coarser than the sketch's bins; absent when it is the sketch's own.
 */
public record MetricWindow(Integer v, String service, String metric, String resolution, Instant windowStart,
                           Instant windowEnd, long count, long errors, double sum, double min, double max,
                           double mean, double p50, double p95, double p99, double ratePerMin, double errorRate,
                           String sketch, Double last, Long timeouts, String unit, Double relativeAccuracy) {

    public static final int VERSION = 1;

    public MetricWindow {
        v = v == null ? VERSION : v;
        Checks.id("service", service);
        Checks.id("metric", metric);
        Checks.id("resolution", resolution);
        Checks.required("window_start", windowStart);
        Checks.required("window_end", windowEnd);
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("window_end must be after window_start, was " + windowEnd);
        }
        if (count < 0 || errors < 0 || errors > count) {
            throw new IllegalArgumentException("errors must be between 0 and count " + count + ", was " + errors);
        }
        if (timeouts != null && (timeouts < 0 || timeouts > errors)) {
            throw new IllegalArgumentException("timeouts must be between 0 and errors " + errors + ", was "
                    + timeouts);
        }
        if (relativeAccuracy != null && !(relativeAccuracy >= 0 && relativeAccuracy <= 1)) {
            throw new IllegalArgumentException("relative_accuracy must be between 0 and 1, was " + relativeAccuracy);
        }
    }

    /** A window without unit and accuracy (the fields before histogram samples). */
    public MetricWindow(Integer v, String service, String metric, String resolution, Instant windowStart,
                        Instant windowEnd, long count, long errors, double sum, double min, double max, double mean,
                        double p50, double p95, double p99, double ratePerMin, double errorRate, String sketch,
                        Double last, Long timeouts) {
        this(v, service, metric, resolution, windowStart, windowEnd, count, errors, sum, min, max, mean, p50, p95,
                p99, ratePerMin, errorRate, sketch, last, timeouts, null, null);
    }

    /** A window without a timeout count (the fields of the first version). */
    public MetricWindow(Integer v, String service, String metric, String resolution, Instant windowStart,
                        Instant windowEnd, long count, long errors, double sum, double min, double max, double mean,
                        double p50, double p95, double p99, double ratePerMin, double errorRate, String sketch,
                        Double last) {
        this(v, service, metric, resolution, windowStart, windowEnd, count, errors, sum, min, max, mean, p50, p95,
                p99, ratePerMin, errorRate, sketch, last, null);
    }

    /**
     * The figure of this window a rule or a detector reads by {@code statistic}; empty for {@code last} when the
     * window has none and always for {@code absent}, which is no figure of a window.
     */
    public OptionalDouble statistic(Statistic statistic) {
        return switch (statistic) {
            case P50 -> OptionalDouble.of(p50);
            case P95 -> OptionalDouble.of(p95);
            case P99 -> OptionalDouble.of(p99);
            case MEAN -> OptionalDouble.of(mean);
            case MAX -> OptionalDouble.of(max);
            case MIN -> OptionalDouble.of(min);
            case LAST -> last == null ? OptionalDouble.empty() : OptionalDouble.of(last);
            case COUNT -> OptionalDouble.of(count);
            case RATE_PER_MIN -> OptionalDouble.of(ratePerMin);
            case ERROR_RATE -> OptionalDouble.of(errorRate);
            case ABSENT -> OptionalDouble.empty();
        };
    }

    /**
     * This window with its values (sum, min, max, mean, percentiles, {@code last}) in the unit of the metric's name
     * and {@code unit} absent: a {@code latency_ms} window of histograms in seconds gets its figures in milliseconds.
     * Exact for the percentiles (a positive factor scales every quantile alike); the sketch stays as it is, in the
     * source unit. The window itself when it is already in the metric's unit or the units do not convert
     * ({@link Units#factor}); readers show {@code unit} then.
     */
    public MetricWindow inMetricUnit() {
        OptionalDouble factor = Units.factor(unit, metric);
        if (unit == null || factor.isEmpty()) {
            return this;
        }
        double f = factor.getAsDouble();
        return new MetricWindow(v, service, metric, resolution, windowStart, windowEnd, count, errors, sum * f,
                min * f, max * f, mean * f, p50 * f, p95 * f, p99 * f, ratePerMin, errorRate, sketch,
                last == null ? null : last * f, timeouts, null, relativeAccuracy);
    }

    /** The record key: {@code service/metric/resolution}. */
    public String key() {
        return key(service, metric, resolution);
    }

    public static String key(String service, String metric, String resolution) {
        return service + "/" + metric + "/" + resolution;
    }
}
