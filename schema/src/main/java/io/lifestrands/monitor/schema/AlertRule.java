package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import io.lifestrands.monitor.schema.json.Json;

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

    /**
     * Fills in the defaults and checks every field.
     *
     * @throws InvalidFieldsException naming every broken field with its reason, not only the first
     */
    public AlertRule {
        v = v == null ? VERSION : v;
        service = service == null ? "*" : service;
        range = range == null ? Duration.ofMinutes(1) : range;
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        flapWindow = flapWindow == null ? DEFAULT_FLAP_WINDOW : flapWindow;
        flapHigh = flapHigh == null ? DEFAULT_FLAP_HIGH : flapHigh;
        flapLow = flapLow == null ? DEFAULT_FLAP_LOW : flapLow;
        new Violations()
                .add("name", Checks.idProblem(name))
                .add("severity", Checks.requiredProblem(severity))
                .add("service", selectorProblem(service))
                .add("metric", metricProblem(metric))
                .add("statistic", Checks.requiredProblem(statistic))
                .add("range", range.isNegative() || range.isZero() ? "must be > 0, was " + shown(range) : null)
                .add("comparison", Checks.requiredProblem(comparison))
                .add("threshold", Checks.finiteProblem(threshold))
                .add("for", negativeProblem(forDuration))
                .add("keep_firing_for", negativeProblem(keepFiringFor))
                .add("message", Checks.textProblem(message))
                .add(Checks.labelsProblem(labels))
                .add("clear_threshold", clearThresholdProblem(comparison, threshold, clearThreshold))
                .add("flap_window", flapWindow < 0 || flapWindow == 1 || flapWindow > MAX_FLAP_WINDOW
                        ? "must be 0 or between 2 and " + MAX_FLAP_WINDOW + ", was " + flapWindow : null)
                .add("flap_low", flapLow >= 0 && flapLow < flapHigh && flapHigh <= 1 ? null
                        : "must satisfy 0 <= flap_low < flap_high <= 1, were flap_low " + flapLow + " and flap_high "
                        + flapHigh)
                .throwIfAny();
        labels = Map.copyOf(labels == null ? Map.of() : labels);
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

    /** The ids of a selector the constructor accepted. */
    private static Set<String> selected(String selector) {
        if ("*".equals(selector)) {
            return Set.of();
        }
        String list = selector.startsWith("!") ? selector.substring(1) : selector;
        return Arrays.stream(list.split(",", -1)).map(String::trim).collect(Collectors.toUnmodifiableSet());
    }

    /** Why {@code selector} is no service selector, or null when it is one. */
    private static String selectorProblem(String selector) {
        if ("*".equals(selector)) {
            return null;
        }
        String list = selector.startsWith("!") ? selector.substring(1) : selector;
        if (list.isEmpty()) {
            return "must be *, an id or a comma-separated list of ids, was '" + Checks.clip(selector) + "'";
        }
        for (String id : list.split(",", -1)) {
            String problem = Checks.idProblem(id.trim());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String clearThresholdProblem(Comparison comparison, double threshold, Double clearThreshold) {
        if (clearThreshold == null || comparison == null) {
            return null;
        }
        String problem = Checks.finiteProblem(clearThreshold);
        if (problem != null) {
            return problem;
        }
        boolean fitting = switch (comparison) {
            case GT, GE -> clearThreshold <= threshold;
            case LT, LE -> clearThreshold >= threshold;
            case EQ, NE -> false;
        };
        return fitting ? null : "must lie on the clear side of threshold " + threshold + " for comparison "
                + comparison + " (and is not allowed with == or !=), was " + clearThreshold;
    }

    private static String negativeProblem(Duration duration) {
        return duration.isNegative() ? "must be >= 0, was " + shown(duration) : null;
    }

    private static String shown(Duration duration) {
        return Json.formatDuration(duration);
    }

    private static String metricProblem(String metric) {
        try {
            MetricSelector.parse(metric);
            return null;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            return message.startsWith("metric ") ? message.substring("metric ".length()) : message;
        }
    }
}
