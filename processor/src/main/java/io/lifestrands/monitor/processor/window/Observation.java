package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One value of one metric taken from a sample; a sample yields its latency and each entry of its metrics.
 *
 * @param timeout whether the error is a timeout ({@link Sample#timedOut()}); never without {@code error}
 */
record Observation(String metric, double value, boolean error, boolean timeout) {

    /**
     * The sample's latency with its error and timeout flags when the latency was measured, then one
     * observation per entry of {@code metrics}, never an error: a reading of the GPU is not a failed request. A check
     * the monitor could not perform ({@link Sample#failedToMonitor()}) measured nothing of the service: no latency.
     * The latency of a {@code probe} is {@code probe_latency_ms} (the monitor's checks), that of a {@code request}
     * or {@code event} {@code latency_ms} (the service's traffic): the two are separate series.
     */
    static List<Observation> of(Sample sample) {
        List<Observation> out = new ArrayList<>(sample.metrics().size() + 1);
        if (sample.latencyMs() != null && !sample.failedToMonitor()) {
            out.add(new Observation(Names.latencyMetricOf(sample.kind()), sample.latencyMs(), sample.failed(), sample.timedOut()));
        }
        for (Map.Entry<String, Double> entry : sample.metrics().entrySet()) {
            out.add(new Observation(entry.getKey(), entry.getValue(), false, false));
        }
        return out;
    }
}
