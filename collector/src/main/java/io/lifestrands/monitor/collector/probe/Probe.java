package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.time.Instant;
import java.util.Map;

/** Checks one target once and reports the outcome as a probe {@link Sample}. */
public interface Probe extends AutoCloseable {

    /** Service id of the samples this probe produces. */
    String service();

    /**
     * Probes once. Failures of the target (refused, timeout, 5xx, unhealthy) are samples with {@code up=false}; a
     * check that could not be performed (the host name does not resolve, ...) is a {@code monitoring_failed} sample
     * ({@link #failed(String, String, Instant, double, Throwable, String, Map)}); an exception means the probe itself
     * broke, and the caller reports it as a {@code monitoring_failed} sample too.
     *
     * @param now the sample's timestamp
     */
    Sample probe(Instant now);

    /** Releases what the probe keeps between runs (an admin client, say); most probes keep nothing. */
    @Override
    default void close() {
    }

    /** A failed probe sample: {@code up=false} with the elapsed time and the error text. */
    static Sample failed(String host, String service, Instant now, double latencyMs, String error,
                         Map<String, String> labels) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, host, service, now, false, latencyMs, null,
                ProbeErrors.clip(error), Map.of(), labels);
    }

    /**
     * The sample of a check that failed with {@code cause}: {@code monitoring_failed} when the monitor could not
     * perform it ({@link ProbeErrors#notPerformed}), else a failed probe of the target.
     *
     * @param error the text to report: {@link ProbeErrors#describe} of the cause, masked where it may hold a secret
     */
    static Sample failed(String host, String service, Instant now, double latencyMs, Throwable cause, String error,
                         Map<String, String> labels) {
        return ProbeErrors.notPerformed(cause) ? notPerformed(host, service, now, latencyMs, error, labels)
                : failed(host, service, now, latencyMs, error, labels);
    }

    /**
     * A check the monitor could not perform: {@code up=false} and {@code monitoring_failed}, with the elapsed time
     * and the error text.
     */
    static Sample notPerformed(String host, String service, Instant now, double latencyMs, String error,
                               Map<String, String> labels) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, host, service, now, false, latencyMs, null,
                ProbeErrors.clip(error), Map.of(), labels, true);
    }

    /** Milliseconds since a {@link System#nanoTime()} reading, with microsecond resolution. */
    static double elapsedMs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
    }
}
