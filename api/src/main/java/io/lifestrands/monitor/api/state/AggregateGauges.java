package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.api.system.Background;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latest aggregates as Micrometer gauges, so Prometheus can scrape them from {@code /actuator/prometheus}:
 * {@code monitor_service_latency_ms{service,quantile}}, {@code monitor_service_error_rate{service}},
 * {@code monitor_service_requests_per_minute{service}}, {@code monitor_service_up{service}} (1 up, 0.5 degraded,
 * 0 down, -1 unknown), {@code monitor_service_metric{service,metric}} (every other metric's latest value as
 * {@code /metrics} shows it, e.g. the NPC service's {@code npcs_total}) and
 * {@code monitor_service_events_today{service,event}} (today's count of each business event, e.g.
 * {@code npc_updated}). Refreshed every few seconds from the live state; a series that disappears loses its row.
 */
@Component
class AggregateGauges implements SmartLifecycle {

    static final Duration REFRESH = Duration.ofSeconds(5);
    /** Metric name prefix and resolution of the processor's daily business event windows. */
    private static final String EVENT_PREFIX = Names.EVENT_PREFIX;
    private static final String DAY = "1d";

    private final MetricsView view;
    private final LiveState state;
    private final MultiGauge latency;
    private final MultiGauge errorRate;
    private final MultiGauge requests;
    private final MultiGauge status;
    private final MultiGauge values;
    private final MultiGauge events;
    private final MultiGauge deadLetters;
    private final Clock clock;
    private volatile Background refresher;

    AggregateGauges(MetricsView view, LiveState state, MeterRegistry registry, Clock clock) {
        this.view = view;
        this.state = state;
        this.clock = clock;
        this.latency = MultiGauge.builder("monitor.service.latency").baseUnit("ms")
                .description("latest traffic latency percentiles per monitored service").register(registry);
        this.errorRate = MultiGauge.builder("monitor.service.error.rate")
                .description("failed share of the requests in the latest traffic window, 0 to 1").register(registry);
        this.requests = MultiGauge.builder("monitor.service.requests.per.minute")
                .description("requests per minute of the latest traffic window").register(registry);
        this.status = MultiGauge.builder("monitor.service.up")
                .description("1 up, 0.5 degraded, 0 down, -1 unknown or monitoring_failed").register(registry);
        this.values = MultiGauge.builder("monitor.service.metric")
                .description("latest value of every other metric of a monitored service, as /metrics shows it")
                .register(registry);
        this.events = MultiGauge.builder("monitor.service.events.today")
                .description("business events of a monitored service so far today (UTC)").register(registry);
        this.deadLetters = MultiGauge.builder("monitor.dead.letters")
                .description("dead letters of a service by reason (implausible, late) that monitor.dlq.v1 holds")
                .register(registry);
    }

    void refresh() {
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> errorRows = new ArrayList<>();
        List<MultiGauge.Row<?>> requestRows = new ArrayList<>();
        List<MultiGauge.Row<?>> valueRows = new ArrayList<>();
        List<MultiGauge.Row<?>> deadLetterRows = new ArrayList<>();
        for (Map.Entry<String, ServiceMetrics> entry : view.current().services().entrySet()) {
            String service = entry.getKey();
            ServiceMetrics metrics = entry.getValue();
            metrics.deadLetters().forEach((reason, count) -> deadLetterRows.add(
                    MultiGauge.Row.of(Tags.of("service", service, "reason", reason), count)));
            metrics.metrics().forEach((metric, value) -> {
                if (!metric.startsWith(EVENT_PREFIX) && value != null) {
                    valueRows.add(MultiGauge.Row.of(Tags.of("service", service, "metric", metric), value));
                }
            });
            if (metrics.latencyMs() != null) {
                latencyRows.add(MultiGauge.Row.of(Tags.of("service", service, "quantile", "0.5"),
                        metrics.latencyMs().p50()));
                latencyRows.add(MultiGauge.Row.of(Tags.of("service", service, "quantile", "0.95"),
                        metrics.latencyMs().p95()));
                latencyRows.add(MultiGauge.Row.of(Tags.of("service", service, "quantile", "0.99"),
                        metrics.latencyMs().p99()));
                errorRows.add(MultiGauge.Row.of(Tags.of("service", service), metrics.errorRate()));
                requestRows.add(MultiGauge.Row.of(Tags.of("service", service), metrics.requestsPerMinute()));
            }
        }
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        state.healthOfAll().forEach((service, health) -> statusRows.add(
                MultiGauge.Row.of(Tags.of("service", service), up(health))));
        Instant today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        // the live state holds one window per service, metric and resolution: one row per service and event
        List<MultiGauge.Row<?>> eventRows = new ArrayList<>();
        state.windows().stream()
                .filter(w -> w.resolution().equals(DAY) && w.metric().startsWith(EVENT_PREFIX)
                        && w.windowStart().equals(today))
                .forEach(w -> eventRows.add(MultiGauge.Row.of(Tags.of("service", w.service(), "event",
                        w.metric().substring(EVENT_PREFIX.length())), w.count())));
        latency.register(latencyRows, true);
        values.register(valueRows, true);
        events.register(eventRows, true);
        deadLetters.register(deadLetterRows, true);
        errorRate.register(errorRows, true);
        requests.register(requestRows, true);
        status.register(statusRows, true);
    }

    private static double up(ServiceHealth health) {
        return switch (health.status()) {
            case "up" -> 1;
            case "degraded" -> 0.5;
            case "down" -> 0;
            // unknown and monitoring_failed: whether the service is up is not known
            default -> -1;
        };
    }

    @Override
    public void start() {
        refresher = Background.start("aggregate-gauges", 1);
        refresher.every(Duration.ZERO, REFRESH, this::refresh);
    }

    @Override
    public void stop() {
        Background r = refresher;
        refresher = null;
        if (r != null) {
            r.close();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
