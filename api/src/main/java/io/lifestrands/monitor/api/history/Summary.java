package io.lifestrands.monitor.api.history;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Units;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One series over a whole range: counts added, extremes taken, percentiles from the merge of every window's sketch
 * (never an average of percentiles, so they keep the sketch's 1 % accuracy). Every figure is in the unit of the
 * metric's name: windows kept in another unit ({@link MetricWindow#unit()}, e.g. {@code s} for {@code latency_ms})
 * are converted ({@link MetricWindow#inMetricUnit()}), the merged sketch's quantiles scaled by the same exact factor.
 * Windows of one series in different units cannot merge exactly; their percentiles are then absent.
 *
 * @param p50      absent when no window of the range had a sketch with values
 * @param sketched windows whose sketch went into the percentiles; less than {@code windows} when some had none
 */
public record Summary(int windows, int sketched, Instant start, Instant end, long count, long errors, double sum, Double min,
               Double max, Double mean, Double errorRate, Double p50, Double p95, Double p99) {

    /** @param windows windows of one series, any order; not empty */
    public static Summary of(List<MetricWindow> windows) {
        DDSketch merged = SketchCodec.newSketch();
        Set<Double> factors = new HashSet<>();
        int sketched = 0;
        long count = 0;
        long errors = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant start = windows.get(0).windowStart();
        Instant end = windows.get(0).windowEnd();
        for (MetricWindow stored : windows) {
            MetricWindow window = stored.inMetricUnit();
            count += window.count();
            errors += window.errors();
            sum += window.sum();
            if (window.count() > 0) {
                min = Math.min(min, window.min());
                max = Math.max(max, window.max());
            }
            start = window.windowStart().isBefore(start) ? window.windowStart() : start;
            end = window.windowEnd().isAfter(end) ? window.windowEnd() : end;
            if (merge(merged, stored)) {
                sketched++;
                factors.add(Units.factor(stored.unit(), stored.metric()).orElse(1));
            }
        }
        boolean any = count > 0;
        boolean quantiles = !merged.isEmpty() && factors.size() == 1;
        double factor = factors.size() == 1 ? factors.iterator().next() : 1;
        return new Summary(windows.size(), sketched, start, end, count, errors, sum, any ? min : null,
                any ? max : null, any ? sum / count : null, any ? (double) errors / count : null,
                quantiles ? merged.getValueAtQuantile(0.50) * factor : null,
                quantiles ? merged.getValueAtQuantile(0.95) * factor : null,
                quantiles ? merged.getValueAtQuantile(0.99) * factor : null);
    }

    // a window with an unreadable sketch still counts; only its values are missing from the percentiles
    private static boolean merge(DDSketch merged, MetricWindow window) {
        if (window.sketch() == null) {
            return false;
        }
        try {
            SketchCodec.mergeInto(merged, SketchCodec.fromBase64(window.sketch()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
