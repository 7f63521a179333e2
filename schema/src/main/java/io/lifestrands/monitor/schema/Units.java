package io.lifestrands.monitor.schema;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Converts a window's values from the unit its histograms named ({@link MetricWindow#unit()}, UCUM as OpenTelemetry
 * writes it: {@code s}, {@code ms}, {@code By}) to the unit the metric's name promises ({@code _ms}, {@code _seconds},
 * {@code _bytes}). Scaling every value by one positive factor scales every quantile by the same factor, so the
 * percentiles of a converted window are exact; only the sketch's bins stay in the source unit.
 */
public final class Units {

    private static final Map<String, Double> SECONDS = Map.of("ns", 1e-9, "us", 1e-6, "\u00b5s", 1e-6,
            "ms", 1e-3, "s", 1.0, "min", 60.0, "h", 3600.0, "d", 86400.0);
    private static final Map<String, Double> BYTES = Map.of("By", 1.0, "kBy", 1e3, "KiBy", 1024.0, "MBy", 1e6,
            "MiBy", 1048576.0, "GBy", 1e9, "GiBy", 1073741824.0);

    private Units() {
    }

    /**
     * The factor that turns a value in {@code unit} into the unit of {@code metric}'s name; 1 when {@code unit} is
     * absent (the values are in the metric's own unit), empty when the two are not convertible or either is unknown.
     */
    public static OptionalDouble factor(String unit, String metric) {
        if (unit == null || unit.isEmpty()) {
            return OptionalDouble.of(1);
        }
        String name = metric.toLowerCase(Locale.ROOT);
        if (name.endsWith("_ms")) {
            return ratio(SECONDS, unit, "ms");
        }
        if (name.endsWith("_seconds") || name.endsWith("_s")) {
            return ratio(SECONDS, unit, "s");
        }
        if (name.endsWith("_bytes")) {
            return ratio(BYTES, unit, "By");
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble ratio(Map<String, Double> dimension, String from, String to) {
        Double source = dimension.get(from);
        return source == null ? OptionalDouble.empty() : OptionalDouble.of(source / dimension.get(to));
    }
}
