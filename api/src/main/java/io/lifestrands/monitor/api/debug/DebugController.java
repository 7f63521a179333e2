package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.health.DependencyHealth;
import io.lifestrands.monitor.api.health.DependencyMonitor;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.schema.MetricWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The seed's {@code /debug/...} inspection endpoints (operator token required, like every {@code /debug} path). */
@RestController
class DebugController {

    private final DependencyMonitor dependencies;
    private final PipelineStats pipeline;
    private final LiveState state;
    private final AlertStore alerts;
    private final SampleInjector injector;
    private final CollectorClient collectors;
    private final RuntimeFigures runtime;
    private final Clock clock;

    DebugController(DependencyMonitor dependencies, PipelineStats pipeline, LiveState state, AlertStore alerts,
                    SampleInjector injector, CollectorClient collectors, RuntimeFigures runtime, Clock clock) {
        this.dependencies = dependencies;
        this.pipeline = pipeline;
        this.state = state;
        this.alerts = alerts;
        this.injector = injector;
        this.collectors = collectors;
        this.runtime = runtime;
        this.clock = clock;
    }

    @GetMapping("/debug/monitor-health")
    Map<String, Object> monitorHealth() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", clock.instant());
        body.put("uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        body.put("dependencies", new TreeMap<>(dependencies.latest()));
        body.put("last_metric_at", pipeline.lastMetricAt());
        body.put("last_status_at", pipeline.lastStatusAt());
        body.put("poison_records", pipeline.poisonRecords());
        body.put("retrying_consumers", pipeline.retryingConsumers());
        body.put("live_services", state.services().size());
        body.put("live_series", state.windows().size());
        body.put("injections", injector.active());
        return body;
    }

    @GetMapping("/debug/collection-status")
    List<CollectorClient.CollectorStatus> collectionStatus() {
        return collectors.fetchAll();
    }

    /** Each rule's latest episode per service, from the alert events in PostgreSQL. */
    @GetMapping("/debug/alert-evaluation")
    Map<String, Object> alertEvaluation() {
        SortedMap<String, SortedMap<String, AlertView>> rules = new TreeMap<>();
        SortedMap<String, Integer> states = new TreeMap<>();
        for (AlertView alert : alerts.latestPerRuleAndService()) {
            rules.computeIfAbsent(alert.rule(), k -> new TreeMap<>()).put(alert.service(), alert);
            states.merge(alert.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return Map.of("timestamp", clock.instant(), "states", states, "rules", rules);
    }

    @GetMapping("/debug/performance-stats")
    Map<String, Object> performanceStats() {
        return Map.of("timestamp", clock.instant(), "requests", runtime.requestStats());
    }

    @GetMapping("/debug/resource-usage")
    Map<String, Object> resourceUsage() {
        return runtime.resources();
    }

    /** How old the newest data is: per service the age of its newest window, and the consumers' last receipt. */
    @GetMapping("/debug/timing-analysis")
    Map<String, Object> timingAnalysis() {
        Instant now = clock.instant();
        SortedMap<String, Long> serviceAgeMs = new TreeMap<>();
        for (MetricWindow window : state.windows()) {
            serviceAgeMs.merge(window.service(), Duration.between(window.windowEnd(), now).toMillis(), Math::min);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", now);
        body.put("last_metric_age_ms", age(pipeline.lastMetricAt(), now));
        body.put("last_status_age_ms", age(pipeline.lastStatusAt(), now));
        body.put("newest_window_age_ms", serviceAgeMs);
        body.put("max_window_age_ms", serviceAgeMs.values().stream().max(Long::compare).orElse(null));
        return body;
    }

    /** Runs the api's dependency checks now and lists every service's current health. */
    @GetMapping("/debug/test-health-checks")
    Map<String, Object> testHealthChecks() {
        Map<String, DependencyHealth> checks = dependencies.checkNow();
        SortedMap<String, ServiceHealth> services = state.healthOfAll();
        return Map.of("timestamp", clock.instant(), "dependencies", new TreeMap<>(checks), "services", services,
                "all_up", checks.values().stream().allMatch(DependencyHealth::up));
    }

    /** Checks every live window's internal consistency (counts, order of percentiles, sketch). */
    @PostMapping("/debug/validate-metrics")
    WindowValidation.Report validateMetrics() {
        return WindowValidation.check(state.windows());
    }

    private static Long age(Instant at, Instant now) {
        return at == null ? null : Duration.between(at, now).toMillis();
    }
}
