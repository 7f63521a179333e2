package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;

import java.util.HashMap;
import java.util.Map;

/**
 * What the load generator produced and the broker acknowledged, folded into the one-minute {@code probe_latency_ms}
 * windows the processor must emit. Thread-safe: producer callbacks add to it.
 */
public final class GroundTruth {

    static final long WINDOW_MS = 60_000;

    private final Map<WindowId, Expected> windows = new HashMap<>();
    private long samples;
    private long delayed;

    /** Counts an acknowledged sample that has a latency. */
    public synchronized void add(Sample sample) {
        long start = Math.floorDiv(sample.ts().toEpochMilli(), WINDOW_MS) * WINDOW_MS;
        windows.merge(new WindowId(sample.service(), start), Expected.of(sample), Expected::plus);
        samples++;
    }

    /** Records that the generator held a sample back (it is counted by {@link #add} once acknowledged). */
    synchronized void delay() {
        delayed++;
    }

    /** How many samples the generator held back and sent later with their original event time. */
    public synchronized long delayed() {
        return delayed;
    }

    public synchronized Map<WindowId, Expected> windows() {
        return Map.copyOf(windows);
    }

    public synchronized long samples() {
        return samples;
    }

    /** The end of the last window, in epoch millis; 0 when nothing was produced. */
    public synchronized long lastWindowEndMs() {
        return windows.keySet().stream().mapToLong(WindowId::startMs).max().orElse(-WINDOW_MS) + WINDOW_MS;
    }

    /** One window of one service. */
    public record WindowId(String service, long startMs) {
    }

    /**
     * The exact figures of one window. Latencies are whole milliseconds, so every sum is exact in a double whatever
     * the order of addition, and the processor's sum can be compared with {@code ==}.
     */
    public record Expected(long count, long errors, double sum, double min, double max) {

        /** No samples: the neutral element of {@link #plus}. */
        static final Expected NONE = new Expected(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

        static Expected of(MetricWindow window) {
            return new Expected(window.count(), window.errors(), window.sum(), window.min(), window.max());
        }

        /** The additive figures (count, errors, sum) are equal; min and max do not add up over a split. */
        boolean sameTotals(Expected other) {
            return count == other.count && errors == other.errors && sum == other.sum;
        }

        static Expected of(Sample sample) {
            double latency = sample.latencyMs();
            return new Expected(1, sample.failed() ? 1 : 0, latency, latency, latency);
        }

        Expected plus(Expected other) {
            return new Expected(count + other.count, errors + other.errors, sum + other.sum,
                    Math.min(min, other.min), Math.max(max, other.max));
        }
    }
}
