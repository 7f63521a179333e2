package io.lifestrands.monitor.api.metrics;

import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Shapes the live state into the {@code /metrics} answer; shared by REST and the WebSocket. */
@Component
public class MetricsView {

    /** The metric whose window gives response time, request rate and error rate. */
    static final String LATENCY = "latency_ms";
    /** Which window of a series counts as "current": the freshest rolling view first, final windows after. */
    static final List<String> RESOLUTION_PREFERENCE = List.of("live1m", "1m", "live5m", "5m", "1h");

    private final LiveState state;
    private final Clock clock;

    public MetricsView(LiveState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Current metrics of every known service. */
    public MetricsSnapshot current() {
        Map<String, List<MetricWindow>> byService = state.windows().stream()
                .collect(Collectors.groupingBy(MetricWindow::service));
        Map<String, ServiceMetrics> services = new HashMap<>();
        for (String service : state.services()) {
            services.put(service, shape(state.status(service), byService.getOrDefault(service, List.of())));
        }
        return new MetricsSnapshot(clock.instant(), new TreeMap<>(services));
    }

    /** Current metrics of one service; empty when the service is unknown. */
    public Optional<ServiceMetrics> current(String service) {
        if (!state.knows(service)) {
            return Optional.empty();
        }
        List<MetricWindow> windows = state.windows().stream().filter(w -> w.service().equals(service)).toList();
        return Optional.of(shape(state.status(service), windows));
    }

    /** One service's entry from its status and the latest window of each of its series. */
    static ServiceMetrics shape(Optional<StatusChange> status, List<MetricWindow> windows) {
        Map<String, MetricWindow> current = new TreeMap<>();
        windows.stream()
                .collect(Collectors.groupingBy(MetricWindow::metric))
                .forEach((metric, candidates) -> current.put(metric, candidates.stream()
                        .min(Comparator.comparingInt((MetricWindow w) -> preference(w.resolution()))
                                .thenComparing(MetricWindow::windowEnd, Comparator.reverseOrder()))
                        .orElseThrow()));
        String statusName = status.map(change -> change.newStatus().wire()).orElse(ServiceStatus.UNKNOWN.wire());
        MetricWindow latency = current.remove(LATENCY);
        Map<String, Double> metrics = new TreeMap<>();
        current.forEach((metric, window) -> metrics.put(metric, window.mean()));
        Instant newest = current.values().stream().map(MetricWindow::windowEnd).max(Comparator.naturalOrder())
                .orElse(null);
        if (latency == null) {
            return new ServiceMetrics(statusName, null, null, null, null, new TreeMap<>(metrics), newest);
        }
        return new ServiceMetrics(statusName, latency.p50(),
                new ServiceMetrics.Percentiles(latency.p50(), latency.p95(), latency.p99()),
                latency.ratePerMin(), latency.errorRate(), new TreeMap<>(metrics), latency.windowEnd());
    }

    private static int preference(String resolution) {
        int index = RESOLUTION_PREFERENCE.indexOf(resolution);
        return index < 0 ? RESOLUTION_PREFERENCE.size() : index;
    }
}
