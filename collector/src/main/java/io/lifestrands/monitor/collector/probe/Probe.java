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
     * Probes once. Failures of the target (refused, timeout, 5xx, unhealthy) are samples with {@code up=false};
     * an exception means the probe itself broke, and the caller reports it as a failed sample.
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

    /** Milliseconds since a {@link System#nanoTime()} reading, with microsecond resolution. */
    static double elapsedMs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
    }
}
