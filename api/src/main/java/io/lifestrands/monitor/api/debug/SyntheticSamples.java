package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The synthetic samples of {@code POST /debug/simulate-failure} (by failure type), and the probe-shaped samples the
 * triggers of {@code POST /debug/test-alerts} ({@link AlertTriggers}) are built from.
 */
final class SyntheticSamples {

    /** Samples for a service at a time, and how long to keep producing them. */
    record Recipe(Duration duration, Function<Instant, Sample> sample) {
    }

    private SyntheticSamples() {
    }

    /**
     * The sample of a simulated failure: down, timeout, slow or errors. A {@code timeout} reads
     * {@code timeout: simulated failure}, so the windows count it as a timeout ({@link Sample#timedOut()}). {@code down},
     * {@code timeout} and {@code monitoring_failed} are what the collectors' probes would see; {@code slow} and
     * {@code errors} are the service's traffic (requests served slowly or failing), which is what latency and error
     * rate figures and rules read: they mix with the real requests in the service's {@code latency_ms} windows.
     */
    static Function<Instant, Sample> failure(String type, String service) {
        String marker = "simulate-failure";
        return switch (type) {
            case "down" -> at -> probe(service, at, false, null, null, "simulated failure: down", marker);
            case "timeout" -> at -> probe(service, at, false, 30_000.0, null,
                    Sample.TIMEOUT_ERROR + ": simulated failure", marker);
            case "slow" -> at -> request(service, at, 5_000.0, 200, null, marker);
            case "errors" -> at -> request(service, at, 25.0, 500, "simulated failure: HTTP 500", marker);
            case "monitoring_failed" -> at -> monitoringFailed(service, at,
                    "unknown host simulated-failure.invalid", marker);
            default -> throw new BadRequestException("failure_type must be one of [down, timeout, slow, errors, "
                    + "monitoring_failed], "
                    + "was '" + (type.length() > 64 ? type.substring(0, 64) : type) + "'");
        };
    }

    /** A probe result without metrics, labelled {@link SampleInjector#LABEL} = {@code marker}. */
    static Sample probe(String service, Instant at, boolean up, Double latencyMs, Integer status, String error,
                        String marker) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, SampleInjector.HOST, service, at, up, latencyMs, status,
                error, Map.of(), labels(marker, Map.of()));
    }

    /** A request the service served, labelled {@link SampleInjector#LABEL} = {@code marker}. */
    static Sample request(String service, Instant at, Double latencyMs, int status, String error, String marker) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, SampleInjector.HOST, service, at, status < 500,
                latencyMs, status, error, Map.of(), labels(marker, Map.of()));
    }

    /**
     * A check the monitor could not perform (the collector's error, e.g. a host name that does not resolve), labelled
     * {@link SampleInjector#LABEL} = {@code marker}.
     */
    static Sample monitoringFailed(String service, Instant at, String error, String marker) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, SampleInjector.HOST, service, at, false, null, null,
                error, Map.of(), labels(marker, Map.of()), true);
    }

    /** {@code others} and the label {@link SampleInjector#LABEL} = {@code marker}. */
    static Map<String, String> labels(String marker, Map<String, String> others) {
        Map<String, String> labels = new HashMap<>(others);
        labels.put(SampleInjector.LABEL, marker);
        return Map.copyOf(labels);
    }
}
