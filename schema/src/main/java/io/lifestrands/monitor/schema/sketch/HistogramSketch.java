package io.lifestrands.monitor.schema.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.Histogram;

import java.util.List;

/**
 * Adds a {@link Histogram} to a sketch of the system mapping.
 *
 * <p>Exponential histograms of scale >= {@value SketchCodec#SCALE} are added without error: bucket {@code i} is
 * downscaled exactly to scale 6 ({@code i >> (scale - 6)}, merging 2^(scale-6) adjacent buckets) and its count goes
 * into sketch bin {@code i}, the bin that holds the same range (the sketch's bins are lower-inclusive and OTel's
 * buckets upper-inclusive, so only a value exactly on a power of the base lands one bin apart). Coarser scales and
 * explicit buckets put each bucket's count at its representative value 2LU/(L+U) (the range clamped to min and
 * max), whose relative error is at most (U-L)/(U+L); the placement reports that accuracy combined with the sketch's.
 */
public final class HistogramSketch {

    /** The relative accuracy of a bucket without a finite positive range: no bound. */
    public static final double UNBOUNDED = 1.0;

    private HistogramSketch() {
    }

    /**
     * What adding a histogram did.
     *
     * @param relativeAccuracy the accuracy the sketch's percentiles now have for these values; NaN when exact (the
     *                         sketch's own)
     * @param min              the smallest value, the histogram's or the lower edge of its lowest bucket
     * @param max              the largest value, the histogram's or the upper edge of its highest bucket
     */
    public record Placement(double relativeAccuracy, double min, double max) {

        public boolean exact() {
            return Double.isNaN(relativeAccuracy);
        }
    }

    /**
     * Adds every observation of {@code histogram} to {@code sketch}.
     *
     * @throws IllegalArgumentException when the sketch does not use the system mapping (a legacy sketch)
     */
    public static Placement addTo(DDSketch sketch, Histogram histogram) {
        if (!SketchCodec.MAPPING.equals(sketch.getIndexMapping())) {
            throw new IllegalArgumentException("histograms join only sketches of the scale-6 mapping, not "
                    + sketch.getIndexMapping());
        }
        if (histogram.zeroCount() > 0) {
            sketch.accept(0, histogram.zeroCount());
        }
        return histogram.exponential() ? exponential(sketch, histogram) : explicit(sketch, histogram);
    }

    private static Placement exponential(DDSketch sketch, Histogram h) {
        int scale = h.scale();
        List<Long> counts = h.bucketCounts();
        double worst = 0;
        double low = h.zeroCount() > 0 ? 0 : Double.POSITIVE_INFINITY;
        double high = h.zeroCount() > 0 ? 0 : Double.NEGATIVE_INFINITY;
        for (int k = 0; k < counts.size(); k++) {
            long count = counts.get(k);
            if (count == 0) {
                continue;
            }
            int index = h.offset() + k;
            double lower = Math.pow(2, Math.scalb((double) index, -scale));
            double upper = Math.pow(2, Math.scalb((double) index + 1, -scale));
            low = Math.min(low, lower);
            high = Math.max(high, upper);
            if (scale >= SketchCodec.SCALE) {
                sketch.getPositiveValueStore().add(index >> (scale - SketchCodec.SCALE), count);
            } else {
                worst = Math.max(worst, place(sketch, clamp(lower, upper, h), count));
            }
        }
        return placement(h, scale >= SketchCodec.SCALE ? Double.NaN : worst, low, high);
    }

    private static Placement explicit(DDSketch sketch, Histogram h) {
        List<Double> bounds = h.explicitBounds();
        List<Long> counts = h.bucketCounts();
        double worst = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < counts.size(); k++) {
            long count = counts.get(k);
            if (count == 0) {
                continue;
            }
            double lower = k == 0 ? 0 : bounds.get(k - 1);
            double upper = k == bounds.size() ? Double.POSITIVE_INFINITY : bounds.get(k);
            low = Math.min(low, lower);
            high = Math.max(high, Double.isInfinite(upper) ? lower : upper);
            worst = Math.max(worst, place(sketch, clamp(lower, upper, h), count));
        }
        return placement(h, worst, low, high);
    }

    private static double[] clamp(double lower, double upper, Histogram h) {
        double l = h.min() == null ? lower : Math.max(lower, h.min());
        double u = h.max() == null ? upper : Math.min(upper, h.max());
        return new double[] {l, Math.max(l, u)};
    }

    /** Puts {@code count} at the representative value of {@code range}; returns its relative accuracy. */
    private static double place(DDSketch sketch, double[] range, long count) {
        double lower = range[0];
        double upper = range[1];
        if (Double.isInfinite(upper)) {
            sketch.accept(lower, count);
            return UNBOUNDED;
        }
        if (lower <= 0) {
            sketch.accept(upper / 2, count);
            return UNBOUNDED;
        }
        sketch.accept(2 * lower * upper / (lower + upper), count);
        return (upper - lower) / (upper + lower);
    }

    private static Placement placement(Histogram h, double bucketAccuracy, double low, double high) {
        double accuracy = Double.NaN;
        if (!Double.isNaN(bucketAccuracy)) {
            double own = SketchCodec.RELATIVE_ACCURACY;
            accuracy = Math.min(UNBOUNDED, bucketAccuracy + own + bucketAccuracy * own);
        }
        double min = h.min() != null ? h.min() : low;
        double max = h.max() != null ? h.max() : high;
        return new Placement(accuracy, h.count() == 0 ? 0 : min, h.count() == 0 ? 0 : max);
    }
}
