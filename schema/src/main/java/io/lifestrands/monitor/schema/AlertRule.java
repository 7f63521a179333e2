package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.Map;

/**
 * A duration-based alert rule on the compacted {@code monitor.alert-rules.v1}, keyed by {@code name}.
 *
 * @param service       service selector: an exact id or {@code *} for every service
 * @param range         the window the statistic is taken over, e.g. {@code 5m}
 * @param forDuration   how long the condition must hold before the alert fires ({@code for})
 * @param keepFiringFor how long a firing alert stays firing after the condition stops holding
 * @param message       message template; {@code {service}}, {@code {value}} and {@code {threshold}} are replaced
 */
public record AlertRule(Integer v, String name, Severity severity, String service, String metric,
                        Statistic statistic, Duration range, Comparison comparison, double threshold,
                        @JsonProperty("for") Duration forDuration, Duration keepFiringFor, String message,
                        Map<String, String> labels) {

    public static final int VERSION = 1;

    public AlertRule {
        v = v == null ? VERSION : v;
        Checks.id("name", name);
        Checks.required("severity", severity);
        service = service == null ? "*" : service;
        if (!"*".equals(service)) {
            Checks.id("service", service);
        }
        Checks.id("metric", metric);
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
    }
}
