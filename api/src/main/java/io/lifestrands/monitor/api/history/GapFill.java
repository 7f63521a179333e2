package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Points for the gaps of one series, for charts that want a line without holes: the windows themselves stay as they
 * are (a gap is a gap), and each filled point says it is interpolated. Only gaps between two windows are filled;
 * nothing is made up before the first or after the last.
 */
enum GapFill {
    /** Each missing window repeats the last one before the gap. */
    PREVIOUS,
    /** Each missing window lies on the straight line between the windows on both sides of the gap. */
    LINEAR;

    /** @throws IllegalArgumentException for anything but {@code previous} or {@code linear} */
    static GapFill parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fill must be previous or linear, was '" + text + "'");
        }
    }


    /** The filled windows of the gaps of {@code windows} (one series, ordered by start), in order. */
    List<Filled> fill(List<MetricWindow> windows, Duration step) {
        List<Filled> filled = new ArrayList<>();
        for (int i = 1; i < windows.size(); i++) {
            MetricWindow before = windows.get(i - 1);
            MetricWindow after = windows.get(i);
            long slots = slots(before, after, step);
            for (long k = 1; k <= slots; k++) {
                Instant start = before.windowStart().plus(step.multipliedBy(k));
                double f = this == PREVIOUS ? 0 : (double) k / (slots + 1);
                filled.add(new Filled(start, start.plus(step), between(before.p50(), after.p50(), f),
                        between(before.p95(), after.p95(), f), between(before.p99(), after.p99(), f),
                        between(before.mean(), after.mean(), f), true));
            }
        }
        return filled;
    }

    private static long slots(MetricWindow before, MetricWindow after, Duration step) {
        long gap = Duration.between(before.windowStart(), after.windowStart()).toMillis() / step.toMillis();
        return Math.max(0, gap - 1);
    }

    private static double between(double a, double b, double f) {
        return a + (b - a) * f;
    }

    /** A window made up for a gap: never a measurement, always marked {@code interpolated}. */
    record Filled(Instant windowStart, Instant windowEnd, double p50, double p95, double p99, double mean,
                  boolean interpolated) {
    }
}
