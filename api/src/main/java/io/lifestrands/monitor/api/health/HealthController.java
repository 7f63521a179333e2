package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.api.history.HistoryStore;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.api.system.NotFoundException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.StatusChange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code /health}: the api's own health, and the current health of the monitored services. */
@RestController
@EnableConfigurationProperties(HealthSettings.class)
class HealthController {

    static final String SERVICE_NAME = "monitor";

    static final String PIPELINE = "pipeline";
    private static final int MAX_HOURS = 24 * 30;
    private static final int MAX_CHANGES = 5000;

    private final DependencyMonitor dependencies;
    private final PipelineStats pipeline;
    private final LiveState state;
    private final HistoryStore history;
    private final HealthSettings settings;
    private final MetricsView metrics;
    private final Clock clock;
    private final Instant startedAt;

    HealthController(DependencyMonitor dependencies, PipelineStats pipeline, LiveState state, HistoryStore history,
                     HealthSettings settings, MetricsView metrics, Clock clock) {
        this.dependencies = dependencies;
        this.pipeline = pipeline;
        this.state = state;
        this.history = history;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * The api's health: Kafka, Redis, PostgreSQL and the processor (its heartbeats and consumer group) from the
     * background checks, and the pipeline's freshness (up while metric windows keep arriving, unknown during the
     * first freshness limit after start, down when none came for that long); the overall status and the stages that
     * fail; and, apart from these, the monitored system's overall health ({@link SystemHealth}).
     */
    @GetMapping("/health")
    ApiHealth health() {
        Instant now = clock.instant();
        Map<String, DependencyHealth> checks = new TreeMap<>(dependencies.latest());
        checks.put(PIPELINE, PipelineFreshness.judge(pipeline.lastMetricAt(), startedAt, now,
                settings.pipelineFreshness()));
        Map<String, Integer> retrying = pipeline.retryingConsumers();
        OverallHealth overall = OverallHealth.of(checks, retrying);
        SystemHealth system = SystemHealth.of(state.statuses().keySet().stream().map(state::health).toList());
        return new ApiHealth(overall.status(), overall.failing(), SERVICE_NAME, now, new TreeMap<>(checks),
                new ApiHealth.Pipeline(pipeline.lastMetricAt(), pipeline.lastStatusAt(), pipeline.poisonRecords(),
                        retrying), system);
    }

    /**
     * Status changes of the last {@code hours} (1 to 720, default 24), newest first, from PostgreSQL.
     *
     * @param service only this service's changes when given
     */
    @GetMapping("/health/history")
    StatusHistory history(@RequestParam(required = false) String hours,
                          @RequestParam(required = false) String service) {
        int span = RequestParams.intInRange("hours", hours, 24, 1, MAX_HOURS);
        RequestParams.checkId("service", service);
        Instant since = clock.instant().minus(Duration.ofHours(span));
        List<StatusChange> changes = history.statusChanges(since, RequestParams.blankToNull(service), MAX_CHANGES);
        return new StatusHistory(span, since, changes.size(), changes.size() >= MAX_CHANGES, changes);
    }

    @GetMapping("/health/services")
    ServicesHealth services() {
        return new ServicesHealth(clock.instant(), state.healthOfAll());
    }

    /** One service's health, with the model it runs when it reports one. */
    @GetMapping("/health/{service}")
    ServiceHealthDetail service(@PathVariable String service) {
        if (!state.knows(service)) {
            throw new NotFoundException("unknown service '" + service + "'");
        }
        return ServiceHealthDetail.of(state.health(service), metrics.model(service));
    }

    /**
     * Body of {@code GET /health/history}.
     *
     * @param truncated whether more changes than the {@code count} returned exist in the range
     */
    record StatusHistory(int hours, Instant since, int count, boolean truncated, List<StatusChange> changes) {

        StatusHistory {
            changes = List.copyOf(changes);
        }
    }

    /** Body of {@code GET /health/services}: every known service keyed by id. */
    record ServicesHealth(Instant timestamp, SortedMap<String, ServiceHealth> services) {
    }
}
