package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.RedisLiveStore;
import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.api.state.ServiceMetrics;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/** {@code /analytics/*}, {@code /topology} and {@code /dashboard/data}. */
@RestController
class AnalyticsController {

    private static final Duration MIN_RANGE = Duration.ofMinutes(1);
    private static final Duration MAX_RANGE = Duration.ofDays(30);
    private static final int DASHBOARD_ALERTS = 200;
    /** The last {@code /dashboard/data} answer, for readers of Redis (e.g. a dashboard served elsewhere). */
    static final String DASHBOARD_KEY = "monitor:dashboard";
    static final Duration DASHBOARD_TTL = Duration.ofSeconds(60);
    static final Duration DASHBOARD_REFRESH = Duration.ofSeconds(5);

    private final PerformanceAnalytics performance;
    private final BusinessAnalytics business;
    private final TopologyView topology;
    private final MetricsView metrics;
    private final LiveState state;
    private final ActiveAlerts alerts;
    private final PipelineStats pipeline;
    private final Clock clock;

    AnalyticsController(PerformanceAnalytics performance, BusinessAnalytics business, TopologyView topology,
                        MetricsView metrics, LiveState state, ActiveAlerts alerts, PipelineStats pipeline,
                        RedisLiveStore redis, Clock clock) {
        this.performance = performance;
        this.business = business;
        this.topology = topology;
        this.metrics = metrics;
        this.state = state;
        this.alerts = alerts;
        this.pipeline = pipeline;
        this.clock = clock;
        redis.mirror(DASHBOARD_KEY, DASHBOARD_TTL, DASHBOARD_REFRESH, this::dashboard);
    }

    /** @param range how far back, e.g. {@code 1h} (default), {@code 15m}, {@code 7d}; 1 minute to 30 days */
    @GetMapping("/analytics/performance")
    Performance performance(@RequestParam(required = false) String range) {
        return performance.over(range(range));
    }

    @GetMapping("/analytics/business")
    Business business() {
        return business.today();
    }

    @GetMapping("/topology")
    TopologyView.Topology topology() {
        return topology.current();
    }

    /**
     * Everything the dashboard page shows, in one answer, built from the live state in memory (which Redis mirrors)
     * and the active alerts (Redis, else PostgreSQL); alerts are absent when neither has them.
     */
    @GetMapping("/dashboard/data")
    Dashboard dashboard() {
        List<AlertView> active;
        try {
            List<AlertView> all = alerts.firing().alerts();
            active = all.subList(0, Math.min(DASHBOARD_ALERTS, all.size()));
        } catch (DataAccessException e) {
            active = null;
        }
        return new Dashboard(clock.instant(), state.healthOfAll(), metrics.current().services(), active,
                business.today(), topology.current(), pipeline.lastMetricAt());
    }

    private static Duration range(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofHours(1);
        }
        Duration range;
        try {
            range = Json.parseDuration(text.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("range must be a duration like 15m, 1h or 7d, was '"
                    + RequestParams.clip(text) + "'");
        }
        if (range.compareTo(MIN_RANGE) < 0 || range.compareTo(MAX_RANGE) > 0) {
            throw new BadRequestException("range must be between 1m and 30d, was " + Json.formatDuration(range));
        }
        return range;
    }

    /**
     * Body of {@code GET /dashboard/data}.
     *
     * @param alerts       firing alerts, critical first (at most 200); absent when neither Redis nor PostgreSQL answers
     * @param lastMetricAt when the api last received a metric window
     */
    record Dashboard(Instant timestamp, SortedMap<String, ServiceHealth> services,
                     SortedMap<String, ServiceMetrics> metrics, List<AlertView> alerts, Business business,
                     TopologyView.Topology topology, Instant lastMetricAt) {
    }
}
