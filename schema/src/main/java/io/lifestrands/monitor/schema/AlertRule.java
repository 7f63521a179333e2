package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A duration-based alert rule on the compacted {@code monitor.alert-rules.v1}, keyed by {@code name}.
 *
 * @param service        service selector: {@code *} for every service, an id, a comma-separated list of ids, or
 *                       {@code !} followed by such a list for every service but those
 * @param metric         metric selector: a name, a prefix family ({@code queue_size:*}) or a list of these; see
 *                       {@link MetricSelector}
 * @param range          the window the statistic is taken over, e.g. {@code 5m}; for {@code absent}, how long no
 *                       data may arrive before the condition holds
 * @param forDuration    how long the condition must hold before the alert fires ({@code for})
 * @param keepFiringFor  how long a firing alert stays firing after the condition stops holding
 * @param message        message template; {@code {service}}, {@code {value}} and {@code {threshold}} are replaced
 * @param clearThreshold optional hysteresis: once pending or firing, the condition is compared with this value
 *                       instead of {@code threshold} (fire above 95, clear at or below 85); absent = no hysteresis
 * @param flapWindow     flap detection over this many latest evaluations; 0 turns it off (default 10)
 * @param flapHigh       state-change rate (0 to 1) above which the alert counts as flapping (default 0.5)
 * @param flapLow        state-change rate below which a flapping alert stops flapping (default 0.25)
 */
public record AlertRule(Integer v, String name, Severity severity, String service, String metric,
                        Statistic statistic, Duration range, Comparison comparison, double threshold,
                        @JsonProperty("for") Duration forDuration, Duration keepFiringFor, String message,
                        Map<String, String> labels, Double clearThreshold, Integer flapWindow, Double flapHigh,
                        Double flapLow) {

    public static final int VERSION = 1;
    public static final int DEFAULT_FLAP_WINDOW = 10;
    /** At most one long of history per alert. */
    public static final int MAX_FLAP_WINDOW = 63;
    public static final double DEFAULT_FLAP_HIGH = 0.5;
    public static final double DEFAULT_FLAP_LOW = 0.25;

    public AlertRule {
        v = v == null ? VERSION : v;
        Checks.id("name", name);
        Checks.required("severity", severity);
        service = service == null ? "*" : service;
        selected(service);
        MetricSelector.parse(metric);
        Checks.required("statistic", statistic);
        range = range == null ? Duration.ofMinutes(1) : range;
        Checks.required("comparison", comparison);
        Checks.finite("threshold", threshold);
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        if (range.isNegative() || range.isZero()) {
            throw new IllegalArgumentException("range must be > 0, was " + range);
        }
        if (forDuration.isNegative()) {
            throw new IllegalArgumentException("for must be >= 0, was " + forDuration);
        }
        if (keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("keep_firing_for must be >= 0, was " + keepFiringFor);
        }
        Checks.text("message", message);
        labels = Checks.labels(labels);
        checkClearThreshold(comparison, threshold, clearThreshold);
        flapWindow = flapWindow == null ? DEFAULT_FLAP_WINDOW : flapWindow;
        flapHigh = flapHigh == null ? DEFAULT_FLAP_HIGH : flapHigh;
        flapLow = flapLow == null ? DEFAULT_FLAP_LOW : flapLow;
        if (flapWindow < 0 || flapWindow == 1 || flapWindow > MAX_FLAP_WINDOW) {
            throw new IllegalArgumentException("flap_window must be 0 or between 2 and " + MAX_FLAP_WINDOW + ", was "
                    + flapWindow);
        }
        if (!(flapLow >= 0 && flapLow < flapHigh && flapHigh <= 1)) {
            throw new IllegalArgumentException("flap_low and flap_high must satisfy 0 <= flap_low < flap_high <= 1,"
                    + " were " + flapLow + " and " + flapHigh);
        }
    }

    /** A rule without hysteresis and with default flap detection (the fields of the first version). */
    public AlertRule(Integer v, String name, Severity severity, String service, String metric, Statistic statistic,
                     Duration range, Comparison comparison, double threshold, Duration forDuration,
                     Duration keepFiringFor, String message, Map<String, String> labels) {
        this(v, name, severity, service, metric, statistic, range, comparison, threshold, forDuration,
                keepFiringFor, message, labels, null, null, null, null);
    }

    /** Whether the service selector takes {@code serviceId}. */
    public boolean appliesTo(String serviceId) {
        if ("*".equals(service)) {
            return true;
        }
        boolean negated = service.startsWith("!");
        return selected(service).contains(serviceId) != negated;
    }

    /** This rule with another threshold, {@code for} and clear threshold; used when a rule is tuned. */
    public AlertRule withThresholds(double newThreshold, Duration newFor, Double newClearThreshold) {
        return new AlertRule(v, name, severity, service, metric, statistic, range, comparison, newThreshold, newFor,
                keepFiringFor, message, labels, newClearThreshold, flapWindow, flapHigh, flapLow);
    }

    private static Set<String> selected(String selector) {
        if ("*".equals(selector)) {
            return Set.of();
        }
        String list = selector.startsWith("!") ? selector.substring(1) : selector;
        if (list.isEmpty()) {
            throw new IllegalArgumentException("service must be *, an id or a comma-separated list of ids, was '"
                    + Checks.clip(selector) + "'");
        }
        return Arrays.stream(list.split(",", -1))
                .map(id -> Checks.id("service", id.trim()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void checkClearThreshold(Comparison comparison, double threshold, Double clearThreshold) {
        if (clearThreshold == null) {
            return;
        }
        Checks.finite("clear_threshold", clearThreshold);
        boolean fitting = switch (comparison) {
            case GT, GE -> clearThreshold <= threshold;
            case LT, LE -> clearThreshold >= threshold;
            case EQ, NE -> false;
        };
        if (!fitting) {
            throw new IllegalArgumentException("clear_threshold must lie on the clear side of threshold " + threshold
                    + " for comparison " + comparison + " (and is not allowed with == or !=), was " + clearThreshold);
        }
    }
}
