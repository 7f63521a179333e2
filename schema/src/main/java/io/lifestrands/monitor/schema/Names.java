package io.lifestrands.monitor.schema;

import java.util.regex.Pattern;

/**
 * The names every module shares, defined once: the id pattern and the metric names and prefixes that the
 * collector writes, the processor windows and alerts on, and the api reads.
 */
public final class Names {

    /** Every id: service, host, metric, label name, rule name, resolution. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");
    /**
     * The service's traffic: response time in milliseconds of the requests it served ({@code request} and
     * {@code event} samples' {@code latency_ms}, OpenTelemetry HTTP server duration histograms). Its window's
     * {@code rate_per_min} is requests per minute and {@code error_rate} the share of failed requests.
     */
    public static final String LATENCY_MS = "latency_ms";
    /**
     * The monitor's own checks: response time in milliseconds of the collectors' probes ({@code probe} samples'
     * {@code latency_ms}). Its {@code rate_per_min} is probes per minute, never requests; its {@code error_rate} the
     * share of failed probes.
     */
    public static final String PROBE_LATENCY_MS = "probe_latency_ms";
    /** Prefix of a business event's metric, {@code event:<name>}, from an {@code event} sample's {@code labels.event}. */
    public static final String EVENT_PREFIX = "event:";

    private Names() {
    }

    /** {@code traffic} or {@code probe}: where a latency metric's figures come from; empty for other metrics. */
    public static java.util.Optional<String> sourceOf(String metric) {
        if (LATENCY_MS.equals(metric)) {
            return java.util.Optional.of("traffic");
        }
        return PROBE_LATENCY_MS.equals(metric) ? java.util.Optional.of("probe") : java.util.Optional.empty();
    }

    /**
     * The metric a sample's {@code latency_ms} is an observation of: {@link #PROBE_LATENCY_MS} for a {@code probe},
     * {@link #LATENCY_MS} (traffic) for a {@code request} or an {@code event}.
     */
    public static String latencyMetricOf(SampleKind kind) {
        return kind == SampleKind.PROBE ? PROBE_LATENCY_MS : LATENCY_MS;
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
