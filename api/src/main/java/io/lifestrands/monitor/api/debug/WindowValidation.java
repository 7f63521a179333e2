package io.lifestrands.monitor.api.debug;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.util.ArrayList;
import java.util.List;

/** Consistency checks of metric windows, for {@code POST /debug/validate-metrics}. */
final class WindowValidation {

    /** Relative slack for percentiles against min/max: the sketch's 1 % accuracy. */
    private static final double SLACK = 0.01;

    private WindowValidation() {
    }

    /** @param problems one entry per failed check, naming the window's key */
    record Report(int checked, int valid, List<Problem> problems) {

        Report {
            problems = List.copyOf(problems);
        }
    }

    record Problem(String key, String check, String detail) {
    }

    static Report check(List<MetricWindow> windows) {
        List<Problem> problems = new ArrayList<>();
        int valid = 0;
        for (MetricWindow window : windows) {
            int before = problems.size();
            check(window, problems);
            if (problems.size() == before) {
                valid++;
            }
        }
        return new Report(windows.size(), valid, problems);
    }

    private static void check(MetricWindow w, List<Problem> problems) {
        String key = w.key();
        if (w.count() == 0) {
            return;
        }
        if (w.p50() < w.min() * (1 - SLACK) - 1e-9 || w.p99() > w.max() * (1 + SLACK) + 1e-9) {
            problems.add(new Problem(key, "percentiles_within_min_max", "min " + w.min() + " p50 " + w.p50()
                    + " p99 " + w.p99() + " max " + w.max()));
        }
        if (w.p50() > w.p95() || w.p95() > w.p99()) {
            problems.add(new Problem(key, "percentiles_ordered", "p50 " + w.p50() + " p95 " + w.p95() + " p99 "
                    + w.p99()));
        }
        if (Math.abs(w.mean() * w.count() - w.sum()) > 1e-6 * Math.max(1, Math.abs(w.sum()))) {
            problems.add(new Problem(key, "mean_is_sum_over_count", "mean " + w.mean() + " count " + w.count()
                    + " sum " + w.sum()));
        }
        if (Math.abs(w.errorRate() - (double) w.errors() / w.count()) > 1e-9) {
            problems.add(new Problem(key, "error_rate_is_errors_over_count", "error_rate " + w.errorRate()
                    + " errors " + w.errors() + " count " + w.count()));
        }
        if (w.sketch() != null) {
            try {
                DDSketch sketch = SketchCodec.fromBase64(w.sketch());
                if (Math.round(sketch.getCount()) > w.count()) {
                    problems.add(new Problem(key, "sketch_count_at_most_count", "sketch holds "
                            + Math.round(sketch.getCount()) + " values, count is " + w.count()));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(key, "sketch_decodes", e.getMessage()));
            }
        }
    }
}
