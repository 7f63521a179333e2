package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.MetricSelector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plausibility checks per kind of metric: percentages within 0-100, counts, sizes and rates at least 0,
 * {@code tokens_per_second} within 0 and a ceiling ({@link PlausibilitySettings}), and a used amount of GPU memory
 * within the total when a sample has both ({@link #USED_WITHIN_TOTAL}; both values are dropped, as either may be the
 * wrong one). Other metrics are not judged.
 */
final class Plausibility {

    static final String TOKENS_PER_SECOND = "tokens_per_second";
    /** Used amount → total amount, as the model probe and {@code nvidia-smi} report them. */
    static final Map<String, String> USED_WITHIN_TOTAL = Map.of("vram_used_bytes", "vram_total_bytes",
            "gpu_memory_used_bytes", "gpu_memory_total_bytes");

    private final MetricSelector percent;
    private final MetricSelector nonNegative;
    private final double maxTokensPerSecond;

    /**
     * The outcome for one sample's metrics.
     *
     * @param plausible the metrics to keep
     * @param problems  one line per implausible value, by metric name; empty when all are plausible
     */
    record Verdict(Map<String, Double> plausible, List<String> problems) {

        boolean implausible() {
            return !problems.isEmpty();
        }

        /** The problems in one line, for {@code dlq.detail}. */
        String detail() {
            return String.join("; ", problems);
        }
    }

    Plausibility(PlausibilitySettings settings) {
        this.percent = PlausibilitySettings.parsed(settings.percentMetrics());
        this.nonNegative = PlausibilitySettings.parsed(settings.nonNegativeMetrics());
        this.maxTokensPerSecond = settings.maxTokensPerSecond();
    }

    Verdict check(Map<String, Double> metrics) {
        Map<String, String> problems = new TreeMap<>();
        metrics.forEach((name, value) -> {
            String problem = rangeProblem(name, value);
            if (problem != null) {
                problems.put(name, problem);
            }
        });
        USED_WITHIN_TOTAL.forEach((used, total) -> {
            Double usedValue = metrics.get(used);
            Double totalValue = metrics.get(total);
            if (usedValue != null && totalValue != null && usedValue > totalValue) {
                problems.putIfAbsent(used, used + "=" + number(usedValue) + " above " + total + "="
                        + number(totalValue));
                problems.putIfAbsent(total, total + "=" + number(totalValue) + " below " + used);
            }
        });
        if (problems.isEmpty()) {
            return new Verdict(metrics, List.of());
        }
        Map<String, Double> kept = new HashMap<>(metrics);
        kept.keySet().removeAll(problems.keySet());
        return new Verdict(kept, new ArrayList<>(problems.values()));
    }

    private String rangeProblem(String name, double value) {
        if (TOKENS_PER_SECOND.equals(name)) {
            return within(name, value, 0, maxTokensPerSecond);
        }
        if (percent != null && percent.matches(name)) {
            return within(name, value, 0, 100);
        }
        if (nonNegative != null && nonNegative.matches(name) && value < 0) {
            return name + "=" + number(value) + " below 0";
        }
        return null;
    }

    private static String within(String name, double value, double min, double max) {
        return value >= min && value <= max ? null
                : name + "=" + number(value) + " outside [" + number(min) + ", " + number(max) + "]";
    }

    /** Whole numbers without a fraction ({@code 140}, not {@code 140.0}), others as Java prints them. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
