package io.lifestrands.monitor.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * P3: p50/p95/p99 of 1 m sketches, of 5 m and 1 h merges of them and of an arbitrary merged range, against exact
 * order statistics of the same heavy-tailed latencies. Each 1 m sketch crosses the wire form (base64) before it is
 * merged, as windows on {@code monitor.metrics.v1} do. The same data through Prometheus's default buckets and
 * {@code histogram_quantile}'s interpolation is reported beside it as a model of P9's comparison.
 */
final class PercentileAccuracy {

    static final double[] QUANTILES = {0.50, 0.95, 0.99};
    /** Prometheus client default buckets, in milliseconds. */
    static final double[] DEFAULT_BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

    private PercentileAccuracy() {
    }

    /**
     * @param minutes   length of the simulated timeline, at least 60 so there is a full hour
     * @param perMinute latencies per minute
     */
    static Results run(int minutes, int perMinute, long seed) {
        if (minutes < 60) {
            throw new IllegalArgumentException("minutes must be >= 60 for an hour window, was " + minutes);
        }
        Random random = new Random(seed);
        List<double[]> values = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            double[] minute = new double[perMinute];
            DDSketch sketch = SketchCodec.newSketch();
            for (int i = 0; i < perMinute; i++) {
                minute[i] = SampleFactory.latencyMs(random, 40);
                sketch.accept(minute[i]);
            }
            values.add(minute);
            encoded.add(SketchCodec.toBase64(sketch));
        }
        Map<String, Object> sketchError = new LinkedHashMap<>();
        Map<String, Object> histogramError = new LinkedHashMap<>();
        double worst = 0;
        int arbitraryFrom = minutes / 7;
        int arbitraryTo = minutes - minutes / 5;
        for (Range range : List.of(new Range("1m", 1, 0, minutes), new Range("5m", 5, 0, minutes),
                new Range("1h", 60, 0, minutes), new Range("merged_" + (arbitraryTo - arbitraryFrom) + "m",
                        arbitraryTo - arbitraryFrom, arbitraryFrom, arbitraryTo))) {
            double[][] errors = range.maxErrors(values, encoded);
            sketchError.put(range.name(), quantileMap(errors[0]));
            histogramError.put(range.name(), quantileMap(errors[1]));
            worst = Math.max(worst, Arrays.stream(errors[0]).max().orElse(0));
        }
        return Results.of("p3-percentile-accuracy")
                .put("values", (long) minutes * perMinute)
                .put("minutes", minutes)
                .put("max_relative_error_pct", worst * 100)
                .put("target_pct", 1.0)
                .put("sketch_max_relative_error_pct", sketchError)
                .put("prometheus_default_buckets_max_relative_error_pct", histogramError);
    }

    private static Map<String, Double> quantileMap(double[] errors) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < QUANTILES.length; i++) {
            out.put("p" + Math.round(QUANTILES[i] * 100), Math.round(errors[i] * 1e6) / 1e4);
        }
        return out;
    }

    /** Consecutive windows of {@code minutesEach} minutes between {@code from} and {@code to} (exclusive). */
    private record Range(String name, int minutesEach, int from, int to) {

        /** Worst relative error per quantile over the windows: [0] sketch, [1] default-bucket histogram. */
        double[][] maxErrors(List<double[]> values, List<String> encoded) {
            double[][] worst = new double[2][QUANTILES.length];
            for (int start = from; start + minutesEach <= to; start += minutesEach) {
                DDSketch merged = SketchCodec.newSketch();
                List<double[]> parts = new ArrayList<>();
                for (int m = start; m < start + minutesEach; m++) {
                    SketchCodec.mergeInto(merged, SketchCodec.fromBase64(encoded.get(m)));
                    parts.add(values.get(m));
                }
                double[] exact = parts.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
                for (int q = 0; q < QUANTILES.length; q++) {
                    double truth = exact[(int) Math.floor(QUANTILES[q] * (exact.length - 1))];
                    worst[0][q] = Math.max(worst[0][q], relative(merged.getValueAtQuantile(QUANTILES[q]), truth));
                    worst[1][q] = Math.max(worst[1][q], relative(histogramQuantile(QUANTILES[q], exact), truth));
                }
            }
            return worst;
        }
    }

    static double relative(double estimate, double truth) {
        return Math.abs(estimate - truth) / truth;
    }

    /**
     * Prometheus's {@code histogram_quantile} over default buckets: linear interpolation inside the bucket holding
     * the rank, the lowest bucket starting at 0, the {@code +Inf} bucket answered with the highest finite bound.
     */
    static double histogramQuantile(double q, double[] sorted) {
        double rank = q * sorted.length;
        long below = 0;
        double lower = 0;
        for (double upper : DEFAULT_BUCKETS_MS) {
            long cumulative = countAtMost(sorted, upper);
            if (cumulative >= rank) {
                long inBucket = cumulative - below;
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
            below = cumulative;
            lower = upper;
        }
        return DEFAULT_BUCKETS_MS[DEFAULT_BUCKETS_MS.length - 1];
    }

    private static long countAtMost(double[] sorted, double bound) {
        int index = Arrays.binarySearch(sorted, bound);
        if (index < 0) {
            return -index - 1;
        }
        while (index + 1 < sorted.length && sorted[index + 1] == bound) {
            index++;
        }
        return index + 1L;
    }
}
