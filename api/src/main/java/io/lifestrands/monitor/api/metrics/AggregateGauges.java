package io.lifestrands.monitor.api.metrics;

import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.api.live.ServiceHealth;
import io.lifestrands.monitor.api.system.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The latest aggregates as Micrometer gauges, so Prometheus can scrape them from {@code /actuator/prometheus}:
 * {@code monitor_service_latency_ms{service,quantile}}, {@code monitor_service_error_rate{service}},
 * {@code monitor_service_requests_per_minute{service}} and {@code monitor_service_up{service}} (1 up, 0.5 degraded,
 * 0 down, -1 unknown). Refreshed every few seconds from the live state; a service that disappears loses its rows.
 */
@Component
class AggregateGauges implements SmartLifecycle {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final MetricsView view;
    private final LiveState state;
    private final MultiGauge latency;
    private final MultiGauge errorRate;
    private final MultiGauge requests;
    private final MultiGauge status;
    private volatile ScheduledExecutorService refresher;

    AggregateGauges(MetricsView view, LiveState state, MeterRegistry registry) {
        this.view = view;
        this.state = state;
        this.latency = MultiGauge.builder("monitor.service.latency").baseUnit("ms")
                .description("latest latency percentiles per monitored service").register(registry);
        this.errorRate = MultiGauge.builder("monitor.service.error.rate")
                .description("failed share of the latest latency window, 0 to 1").register(registry);
        this.requests = MultiGauge.builder("monitor.service.requests.per.minute")
                .description("samples per minute of the latest latency window").register(registry);
        this.status = MultiGauge.builder("monitor.service.up")
                .description("1 up, 0.5 degraded, 0 down, -1 unknown").register(registry);
    }

    void refresh() {
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> errorRows = new ArrayList<>();
        List<MultiGauge.Row<?>> requestRows = new ArrayList<>();
        for (Map.Entry<String, ServiceMetrics> entry : view.current().services().entrySet()) {
            String service = entry.getKey();
            ServiceMetrics metrics = entry.getValue();
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
        latency.register(latencyRows, true);
        errorRate.register(errorRows, true);
        requests.register(requestRows, true);
        status.register(statusRows, true);
    }

    private static double up(ServiceHealth health) {
        return switch (health.status()) {
            case "up" -> 1;
            case "degraded" -> 0.5;
            case "down" -> 0;
            default -> -1;
        };
    }

    @Override
    public void start() {
        refresher = DaemonThreads.scheduler("aggregate-gauges");
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService r = refresher;
        refresher = null;
        if (r != null) {
            r.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
