package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's alert table as rules, with the capacity warnings, the monitoring-failure warning and the
 * configuration-change info alert it names without thresholds; the processor writes them to {@code monitor.alert-rules.v1} when that topic has never held a
 * record. Each rule watches what the collector's probes really report (docs/alerts.md lists which).
 */
public final class DefaultRules {

    public static final String SERVICE_DOWN = "service_down";
    public static final String DATABASE_UNREACHABLE = "database_unreachable";
    /** The database service id: its outage is {@code database_unreachable}, not {@code service_down}. */
    public static final String DATABASE = "postgres";

    /**
     * 1 while a service is up, degraded or unknown, 0 while it is down; from the status changes. While monitoring
     * fails ({@link #MONITORING_FAILED}) it keeps its last value: whether the service is up is not known.
     */
    public static final String UP = "up";
    /**
     * The warning for a service its collectors cannot check, and the derived metric it watches: 1 while the status
     * is {@code monitoring_failed}, 0 after any other status change; the change's reason is the message's
     * {@code {error}}.
     */
    public static final String MONITORING_FAILED = "monitoring_failed";
    /** 1 on the sample where a service's {@code model_type} label changed, 0 on others. */
    public static final String MODEL_SWITCH = "model_switch";
    /** 1 on the sample where a service's {@code instance_id} label changed, 0 on others. */
    public static final String SERVICE_RESTART = "service_restart";
    /** The info alert of a configuration change ({@link ConfigChange}): a rule changed, or the api reported one. */
    public static final String CONFIGURATION_CHANGE = "configuration_change";

    /**
     * The SLO burn-rate tiers of the SRE workbook, each a derived metric the processor reports per SLO (label
     * {@code slo}) as the lower of the burn rates over its long and its short window: both must be high.
     */
    public static final String SLO_BURN_1H_5M = "slo_burn_1h_5m";
    public static final String SLO_BURN_6H_30M = "slo_burn_6h_30m";
    public static final String SLO_BURN_3D_6H = "slo_burn_3d_6h";

    /**
     * What {@code high_latency} and {@code error_rate} watch: the service's traffic where it has any, else the
     * collectors' probes (a service nobody sends requests for is still judged by its checks).
     */
    public static final String LATENCY = Names.LATENCY_MS + MetricSelector.OR + Names.PROBE_LATENCY_MS;

    private DefaultRules() {
    }

    public static List<AlertRule> all() {
        return List.of(
                rule(SERVICE_DOWN, Severity.CRITICAL, "!" + DATABASE, UP, Statistic.LAST, "1m", Comparison.EQ, 0,
                        "30s", "{service} is down"),
                rule(DATABASE_UNREACHABLE, Severity.CRITICAL, DATABASE, UP, Statistic.LAST, "1m", Comparison.EQ, 0,
                        "10s", "database {service} is unreachable"),
                // the seed's handle_monitoring_failure: a warning at once, with the error
                rule(MONITORING_FAILED, Severity.WARNING, "*", MONITORING_FAILED, Statistic.LAST, "1m", Comparison.GT,
                        0, "0s", "Monitoring failed for {service}: {error}"),
                // the model service's own reading and the host's nvidia-smi: one alert per series
                rule("gpu_memory_full", Severity.CRITICAL, "*", "vram_used_pct,gpu_memory_pct", Statistic.LAST, "1m",
                        Comparison.GT, 95, "60s",
                        "GPU memory usage of {service} is {value} % (limit {threshold} %, {labels.metric})"),
                rule("high_latency", Severity.WARNING, "*", LATENCY, Statistic.P95, "5m", Comparison.GT, 2000,
                        "300s", "p95 latency of {service} is {value} ms (limit {threshold} ms)"),
                rule("error_rate", Severity.WARNING, "*", LATENCY, Statistic.ERROR_RATE, "5m", Comparison.GT,
                        0.05, "120s", "error rate of {service} is {value} (limit {threshold})"),
                // a health body's queue_size, the Redis probe's queue_size:<key>, the model service's queue_depth
                rule("queue_backlog", Severity.WARNING, "*", "queue_size,queue_size:*,queue_depth", Statistic.LAST,
                        "1m", Comparison.GT, 50, "600s",
                        "queue {labels.metric} of {service} holds {value} items (limit {threshold})"),
                rule("model_performance", Severity.WARNING, "*", "tokens_per_second", Statistic.MEAN, "1m",
                        Comparison.LT, 10, "60s", "model performance of {service} degraded: {value} tokens/second"),
                // capacity, from the system probe (host:<id>); its cpu_pct is already the busy share since the probe
                // before, and `last` holds between readings, so a slower MONITORING_INTERVAL resets nothing
                rule("host_cpu_high", Severity.WARNING, "*", "cpu_pct", Statistic.LAST, "1m", Comparison.GT, 90,
                        "5m", "CPU usage of {service} is {value} % (limit {threshold} %)"),
                rule("host_memory_high", Severity.WARNING, "*", "mem_pct", Statistic.LAST, "1m", Comparison.GT, 90,
                        "5m", "memory usage of {service} is {value} % (limit {threshold} %)"),
                // every local disk; disk_pct (the collector's own file system) is one of them
                rule("host_disk_full", Severity.WARNING, "*", "disk_pct:*", Statistic.LAST, "1m", Comparison.GT, 90,
                        "10m", "disk {labels.metric} of {service} is {value} % full (limit {threshold} %)"),
                event(MODEL_SWITCH, "{service} switched its model"),
                event(SERVICE_RESTART, "{service} restarted"),
                event(CONFIGURATION_CHANGE, ConfigChange.SERVICE, ConfigChange.EVENT,
                        "configuration changed: {labels.subject} {labels.change}"));
    }

    /**
     * The SLO burn-rate alerts of the SRE workbook (docs/alerts.md): pages when the budget would be gone in about 2
     * or 5 days, a ticket at 1x. Apart from {@link #all()}, the seed's table, which the test alerts mirror.
     */
    public static List<AlertRule> sloBurn() {
        return List.of(
                rule("slo_fast_burn", Severity.CRITICAL, "*", SLO_BURN_1H_5M, Statistic.LAST, "1m", Comparison.GE,
                        14.4, "0s", "SLO {labels.slo} of {service} burns its error budget {value}x as fast as allowed"
                                + " over 1h and 5m (page at {threshold}x)"),
                rule("slo_slow_burn", Severity.CRITICAL, "*", SLO_BURN_6H_30M, Statistic.LAST, "1m", Comparison.GE,
                        6, "0s", "SLO {labels.slo} of {service} burns its error budget {value}x as fast as allowed"
                                + " over 6h and 30m (page at {threshold}x)"),
                rule("slo_budget_burn", Severity.WARNING, "*", SLO_BURN_3D_6H, Statistic.LAST, "1m", Comparison.GE,
                        1, "0s", "SLO {labels.slo} of {service} burns its error budget {value}x as fast as allowed"
                                + " over 3d and 6h (ticket at {threshold}x)"));
    }

    /** What the processor writes onto an empty rules topic: {@link #all()} and {@link #sloBurn()}. */
    public static List<AlertRule> seeded() {
        List<AlertRule> out = new ArrayList<>(all());
        out.addAll(sloBurn());
        return List.copyOf(out);
    }

    /** The defaults by name. */
    public static Map<String, AlertRule> byName() {
        Map<String, AlertRule> out = new LinkedHashMap<>();
        all().forEach(rule -> out.put(rule.name(), rule));
        return out;
    }

    private static AlertRule rule(String name, Severity severity, String service, String metric,
                                  Statistic statistic, String range, Comparison comparison, double threshold,
                                  String forDuration, String message) {
        return new AlertRule(AlertRule.VERSION, name, severity, service, metric, statistic, duration(range),
                comparison, threshold, duration(forDuration), Duration.ZERO, message, Map.of());
    }

    /** Info events fire at once and resolve at the next sample; an event is no condition that could flap. */
    private static AlertRule event(String name, String message) {
        return event(name, "*", name, message);
    }

    private static AlertRule event(String name, String service, String metric, String message) {
        return new AlertRule(AlertRule.VERSION, name, Severity.INFO, service, metric, Statistic.LAST,
                Duration.ofMinutes(1), Comparison.GT, 0, Duration.ZERO, Duration.ZERO, message, Map.of(), null, 0, null,
                null);
    }

    private static Duration duration(String text) {
        return Json.parseDuration(text);
    }
}
