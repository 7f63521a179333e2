package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.Map;

/**
 * One raw observation on {@code monitor.samples.v1}: a probe result, a pushed request outcome or a business event.
 *
 * @param v          schema version, 1
 * @param kind       what produced it
 * @param host       the collector or service host that produced it
 * @param service    service id, e.g. {@code gateway} or {@code host:web-1}
 * @param ts         event time (UTC)
 * @param up         whether the probe or request succeeded; events default to {@code true}
 * @param latencyMs  response time in milliseconds, absent when not measured
 * @param statusCode HTTP-like status code, absent when not applicable
 * @param error      error text of a failed probe, absent otherwise; {@code timeout} or {@code timeout: <detail>}
 *                   marks a timeout ({@link #timedOut()})
 * @param metrics    numeric readings by name, e.g. {@code vram_used_pct}
 * @param labels     string attributes by name, e.g. {@code model_type}
 * @param monitoringFailed {@code true} when the monitor could not perform the check (the target's host name does
 *                   not resolve, the probe code threw, ...): the sample says nothing about the service. Requires
 *                   {@code up=false}, so a reader that ignores this field sees a failed probe; absent (never
 *                   {@code false}) otherwise ({@link #failedToMonitor()})
 * @param histogram  many observations of one series instead of one latency ({@code kind=request} only, never with
 *                   {@code latency_ms}): e.g. an OpenTelemetry histogram data point; its observations are errors
 *                   when the sample {@link #failed()}. Absent otherwise; readers that predate it ignore it
 */
public record Sample(Integer v, SampleKind kind, String host, String service, Instant ts, Boolean up,
                     Double latencyMs, Integer statusCode, String error, Map<String, Double> metrics,
                     Map<String, String> labels, Boolean monitoringFailed, Histogram histogram) {

    public static final int VERSION = 1;
    /**
     * Label of samples the monitor injects itself ({@code POST /debug/simulate-failure}, {@code /debug/test-alerts});
     * its value names the injector. A labelled probe that sees its service unhealthy overrides the collectors'
     * quorum while it is current.
     */
    public static final String SYNTHETIC_LABEL = "synthetic";
    /** The {@code error} of a timeout, alone or as the prefix of {@code timeout: <detail>}. */
    public static final String TIMEOUT_ERROR = "timeout";

    public Sample {
        v = v == null ? VERSION : v;
        if (v != VERSION) {
            throw new IllegalArgumentException("v must be " + VERSION + ", was " + v);
        }
        Checks.required("kind", kind);
        Checks.id("host", host);
        Checks.id("service", service);
        Checks.required("ts", ts);
        if (up == null) {
            if (kind != SampleKind.EVENT) {
                throw new IllegalArgumentException("up is required for kind " + kind.name().toLowerCase(java.util.Locale.ROOT));
            }
            up = Boolean.TRUE;
        }
        Checks.nonNegative("latency_ms", latencyMs);
        if (statusCode != null && (statusCode < 0 || statusCode > 999)) {
            throw new IllegalArgumentException("status_code must be between 0 and 999, was " + statusCode);
        }
        Checks.text("error", error);
        metrics = Checks.metrics(metrics);
        labels = Checks.labels(labels);
        monitoringFailed = Boolean.TRUE.equals(monitoringFailed) ? Boolean.TRUE : null;
        if (monitoringFailed != null && up) {
            throw new IllegalArgumentException("monitoring_failed requires up false, was up true");
        }
        if (histogram != null && (kind != SampleKind.REQUEST || latencyMs != null)) {
            throw new IllegalArgumentException("histogram requires kind request and no latency_ms");
        }
    }

    /** A sample without a histogram. */
    public Sample(Integer v, SampleKind kind, String host, String service, Instant ts, Boolean up, Double latencyMs,
                  Integer statusCode, String error, Map<String, Double> metrics, Map<String, String> labels,
                  Boolean monitoringFailed) {
        this(v, kind, host, service, ts, up, latencyMs, statusCode, error, metrics, labels, monitoringFailed, null);
    }

    /** A sample the monitor could perform (no {@code monitoring_failed}). */
    public Sample(Integer v, SampleKind kind, String host, String service, Instant ts, Boolean up, Double latencyMs,
                  Integer statusCode, String error, Map<String, Double> metrics, Map<String, String> labels) {
        this(v, kind, host, service, ts, up, latencyMs, statusCode, error, metrics, labels, null);
    }

    /**
     * Whether {@code text} is a valid service id, as host ids and metric and label names are:
     * {@code [A-Za-z0-9_.:-]{1,128}}.
     */
    public static boolean isId(String text) {
        return text != null && Checks.isId(text);
    }

    /** A probe result with no metrics or labels. */
    public static Sample probe(String host, String service, Instant ts, boolean up, Double latencyMs,
                               Integer statusCode, String error) {
        return new Sample(VERSION, SampleKind.PROBE, host, service, ts, up, latencyMs, statusCode, error, Map.of(),
                Map.of());
    }

    /** This sample with the given metrics and labels. */
    public Sample with(Map<String, Double> newMetrics, Map<String, String> newLabels) {
        return new Sample(v, kind, host, service, ts, up, latencyMs, statusCode, error, newMetrics, newLabels,
                monitoringFailed, histogram);
    }

    /**
     * Whether the monitor could not perform this check ({@code monitoring_failed}): the sample is a failed probe of
     * the monitor, not of the service, so it yields no status of the service and no latency observation.
     */
    public boolean failedToMonitor() {
        return monitoringFailed != null;
    }

    /** Whether this sample counts as an error: a failed probe or request, or a 5xx status. */
    public boolean failed() {
        return !up || (statusCode != null && statusCode >= 500);
    }

    /**
     * Whether this sample is a timeout: it {@link #failed()} and its {@code error} is {@code timeout} or starts with
     * {@code timeout:}. Windows count timeouts apart from the other errors.
     */
    public boolean timedOut() {
        if (error == null || !error.startsWith(TIMEOUT_ERROR) || !failed()) {
            return false;
        }
        return error.length() == TIMEOUT_ERROR.length() || error.charAt(TIMEOUT_ERROR.length()) == ':';
    }
}
