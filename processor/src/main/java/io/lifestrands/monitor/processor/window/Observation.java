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

    static final String LATENCY_MS = Names.LATENCY_MS;

    /**
     * {@code latency_ms} with the sample's error and timeout flags when the latency was measured, then one
     * observation per entry of {@code metrics}, never an error: a reading of the GPU is not a failed request. A check
     * the monitor could not perform ({@link Sample#failedToMonitor()}) measured nothing of the service: no latency.
     */
    static List<Observation> of(Sample sample) {
        List<Observation> out = new ArrayList<>(sample.metrics().size() + 1);
        if (sample.latencyMs() != null && !sample.failedToMonitor()) {
            out.add(new Observation(LATENCY_MS, sample.latencyMs(), sample.failed(), sample.timedOut()));
        }
        for (Map.Entry<String, Double> entry : sample.metrics().entrySet()) {
            out.add(new Observation(entry.getKey(), entry.getValue(), false, false));
        }
        return out;
    }
}
