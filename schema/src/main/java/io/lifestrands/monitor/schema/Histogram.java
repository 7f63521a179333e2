package io.lifestrands.monitor.schema;

import java.util.List;

/**
 * A histogram a {@link Sample} carries instead of one latency: the observations of one series over the sample's
 * interval, as OpenTelemetry reports them (delta counts). Either exponential ({@code scale}, {@code offset}, bucket
 * {@code i} of {@code bucket_counts} covers {@code (base^(offset+i), base^(offset+i+1)]} with base =
 * 2^(2^-scale)) or explicit ({@code explicit_bounds} b0 < b1 < ...; {@code bucket_counts} has one more entry, bucket
 * {@code k} covers {@code (b(k-1), b(k)]}, the first from 0 or {@code min}, the last up to {@code max} or beyond).
 * Only positive values: {@code count = zero_count + sum(bucket_counts)}.
 *
 * @param metric        the series the values belong to, e.g. {@code latency_ms} or an OTel metric name
 * @param unit          unit of the values and bucket edges (UCUM, e.g. {@code s}, {@code ms}); absent when unknown.
 *                      Values stay in this unit: the window of the series carries it
 * @param scale         exponential scale, -10 to 20; absent for explicit buckets
 * @param offset        index of the first exponential bucket; absent for explicit buckets
 * @param bucketCounts  counts per bucket, at most {@value #MAX_BUCKETS}
 * @param explicitBounds upper bounds of the explicit buckets, strictly increasing; absent for exponential
 * @param zeroCount     observations of value 0 (exponential only); absent means 0
 * @param count         all observations
 * @param sum           sum of all observations
 * @param min           smallest observation, absent when unknown
 * @param max           largest observation, absent when unknown
 */
public record Histogram(String metric, String unit, Integer scale, Integer offset, List<Long> bucketCounts,
                        List<Double> explicitBounds, Long zeroCount, long count, double sum, Double min,
                        Double max) {

    public static final int MAX_BUCKETS = 4096;
    public static final int MIN_SCALE = -10;
    public static final int MAX_SCALE = 20;

    public Histogram {
        Checks.id("metric", metric);
        zeroCount = zeroCount == null ? 0L : zeroCount;
        if (unit != null && (unit.length() > 64 || unit.isBlank())) {
            throw new IllegalArgumentException("histogram unit must be 1-64 characters, was '" + unit + "'");
        }
        unit = unit == null || unit.isEmpty() ? null : unit;
        Checks.required("bucket_counts", bucketCounts);
        bucketCounts = List.copyOf(bucketCounts);
        if (bucketCounts.size() > MAX_BUCKETS) {
            throw new IllegalArgumentException("histogram has at most " + MAX_BUCKETS + " buckets, was "
                    + bucketCounts.size());
        }
        boolean exponential = scale != null;
        if (exponential == (explicitBounds != null) || exponential != (offset != null)) {
            throw new IllegalArgumentException("histogram needs scale and offset (exponential) or explicit_bounds,"
                    + " exactly one of them");
        }
        if (exponential && (scale < MIN_SCALE || scale > MAX_SCALE)) {
            throw new IllegalArgumentException("histogram scale must be between " + MIN_SCALE + " and " + MAX_SCALE
                    + ", was " + scale);
        }
        if (!exponential) {
            explicitBounds = List.copyOf(explicitBounds);
            requireBounds(explicitBounds, bucketCounts.size(), zeroCount);
        }
        long total = zeroCount;
        for (Long bucket : bucketCounts) {
            if (bucket == null || bucket < 0) {
                throw new IllegalArgumentException("bucket counts must be >= 0, was " + bucket);
            }
            total += bucket;
        }
        if (zeroCount < 0 || total != count) {
            throw new IllegalArgumentException("count must be zero_count + sum of bucket_counts = " + total + ", was "
                    + count);
        }
        if (!Double.isFinite(sum) || sum < 0) {
            throw new IllegalArgumentException("histogram sum must be a finite number >= 0, was " + sum);
        }
        Checks.nonNegative("min", min);
        Checks.nonNegative("max", max);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("histogram min must be <= max " + max + ", was " + min);
        }
    }

    private static void requireBounds(List<Double> bounds, int buckets, long zeroCount) {
        if (buckets != bounds.size() + 1) {
            throw new IllegalArgumentException("explicit histogram needs bucket_counts of explicit_bounds + 1 = "
                    + (bounds.size() + 1) + " entries, was " + buckets);
        }
        for (int i = 0; i < bounds.size(); i++) {
            Double bound = bounds.get(i);
            if (bound == null || !Double.isFinite(bound) || bound < 0 || i > 0 && bound <= bounds.get(i - 1)) {
                throw new IllegalArgumentException("explicit_bounds must be finite, >= 0 and increasing, was "
                        + bounds);
            }
        }
        if (zeroCount != 0) {
            throw new IllegalArgumentException("explicit histograms have no zero_count, was " + zeroCount);
        }
    }

    /** Whether this is an exponential histogram. */
    public boolean exponential() {
        return scale != null;
    }
}
