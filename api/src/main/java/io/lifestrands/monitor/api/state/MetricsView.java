package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.Resolution;
import io.lifestrands.monitor.schema.Names;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Shapes the live state into the {@code /metrics} answer; shared by REST and the WebSocket. */
@Component
public class MetricsView {

    /** The service's traffic: its window gives response time, request rate and error rate. */
    static final String LATENCY = Names.LATENCY_MS;
    /** The collectors' probes: their latency, checks per minute and failed share, never shown as requests. */
    static final String PROBE_LATENCY = Names.PROBE_LATENCY_MS;

    private final LiveState state;
    private final Clock clock;

    public MetricsView(LiveState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Current metrics of every known service, and the database and Redis. */
    public MetricsSnapshot current() {
        Map<String, Map<String, MetricWindow>> windows = currentWindows(state.windows());
        Map<String, Map<String, String>> labels = state.labels();
        Map<String, ServiceMetrics> services = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        for (String service : state.services()) {
            ServiceMetrics shaped = shape(state.status(service), windows.getOrDefault(service, Map.of()),
                    labels.getOrDefault(service, Map.of()), state.lastDataAt(service).orElse(null))
                    .withDeadLetters(state.deadLetters(service))
                    .withAnomalies(state.anomalies().openOf(service));
            services.put(service, shaped.inMaintenance(state.maintenanceOf(service)));
            statuses.put(service, shaped.status());
        }
        return new MetricsSnapshot(clock.instant(), new TreeMap<>(services), Infrastructure.of(statuses, windows));
    }

    /** Current metrics of one service; empty when the service is unknown. */
    public Optional<ServiceMetrics> current(String service) {
        if (!state.knows(service)) {
            return Optional.empty();
        }
        return Optional.of(shape(state.status(service), currentWindows(service),
                state.labels().getOrDefault(service, Map.of()), state.lastDataAt(service).orElse(null))
                .withDeadLetters(state.deadLetters(service))
                .withAnomalies(state.anomalies().openOf(service))
                .inMaintenance(state.maintenanceOf(service)));
    }

    /** The model one service runs, as far as its labels and metrics tell. */
    public ModelInfo model(String service) {
        return ModelInfo.of(state.labels().getOrDefault(service, Map.of()),
                currentWindows(service).get(ModelInfo.LAST_LOAD));
    }

    /** One service's entry from its status and the latest window of each of its series. */
    static ServiceMetrics shape(Optional<StatusChange> status, List<MetricWindow> windows) {
        return shape(status, currentWindows(windows).values().stream().findFirst().orElse(Map.of()), Map.of(),
                windows.stream().filter(w -> w.count() > 0).map(MetricWindow::windowEnd)
                        .max(Comparator.naturalOrder()).orElse(null));
    }

    /**
     * One service's entry from its status, its current window per metric and its latest labels. A window without
     * data (a live view the samples have slid out of) gives null figures: unavailable, never 0.
     */
    static ServiceMetrics shape(Optional<StatusChange> status, Map<String, MetricWindow> windows,
                                Map<String, String> labels, Instant lastDataAt) {
        Map<String, MetricWindow> current = new TreeMap<>(windows);
        String statusName = status.map(change -> change.newStatus().wire()).orElse(ServiceStatus.UNKNOWN.wire());
        String modelType = labels.get(ModelInfo.MODEL_TYPE);
        String platform = labels.get(ModelInfo.PLATFORM);
        MetricWindow traffic = withData(current.remove(LATENCY));
        MetricWindow probe = withData(current.remove(PROBE_LATENCY));
        Map<String, Double> metrics = new TreeMap<>();
        current.forEach((metric, window) -> metrics.put(metric, window.count() > 0 ? window.mean() : null));
        Instant newest = current.values().stream().map(MetricWindow::windowEnd).max(Comparator.naturalOrder())
                .orElse(null);
        Instant windowEnd = traffic != null ? traffic.windowEnd()
                : probe != null ? probe.windowEnd()
                : Optional.ofNullable(windows.get(LATENCY)).map(MetricWindow::windowEnd).orElse(newest);
        ServiceMetrics.ProbeFigures probeFigures = probe == null ? null : probeFigures(probe);
        if (traffic == null) {
            return new ServiceMetrics(statusName, modelType, platform, null, null, null, null, null, null,
                    probeFigures, new TreeMap<>(metrics), windowEnd, lastDataAt, null, List.of(), null, null);
        }
        ServiceMetrics.TrafficFigures figures = trafficFigures(traffic);
        return new ServiceMetrics(statusName, modelType, platform, figures.responseTimeMs(), figures.latencyMs(),
                figures.requestsPerMinute(), figures.errorRate(), figures.timeouts(), figures, probeFigures,
                new TreeMap<>(metrics), windowEnd, lastDataAt, null, List.of(), null, null);
    }

    /** The window in its metric's unit (milliseconds), or null when there is none or it holds no data. */
    private static MetricWindow withData(MetricWindow window) {
        return window == null || window.count() == 0 ? null : window.inMetricUnit();
    }

    private static ServiceMetrics.TrafficFigures trafficFigures(MetricWindow w) {
        return new ServiceMetrics.TrafficFigures(Names.sourceOf(w.metric()).orElseThrow(), w.p50(),
                new ServiceMetrics.Percentiles(w.p50(), w.p95(), w.p99()), w.ratePerMin(), w.errorRate(),
                w.timeouts() == null ? 0L : w.timeouts(), w.relativeAccuracy(), w.windowEnd());
    }

    private static ServiceMetrics.ProbeFigures probeFigures(MetricWindow w) {
        return new ServiceMetrics.ProbeFigures(Names.sourceOf(w.metric()).orElseThrow(),
                new ServiceMetrics.Percentiles(w.p50(), w.p95(), w.p99()), w.ratePerMin(), w.errorRate(),
                1 - w.errorRate(), w.timeouts() == null ? 0L : w.timeouts(), w.relativeAccuracy(), w.windowEnd());
    }

    /**
     * The current value of {@code metric} of each service whose id passes {@code services} and that has data for it:
     * {@link #current(MetricWindow)} of its current window (the preferred resolution, then the latest end).
     */
    public SortedMap<String, Double> currentValues(String metric, Predicate<String> services) {
        SortedMap<String, Double> values = new TreeMap<>();
        currentWindowsOf(metric, services).forEach((service, window) -> values.put(service, current(window)));
        return values;
    }

    /** The current window of {@code metric}, among those with data, of each service whose id passes {@code services}. */
    public SortedMap<String, MetricWindow> currentWindowsOf(String metric, Predicate<String> services) {
        SortedMap<String, MetricWindow> chosen = new TreeMap<>();
        currentWindows(state.windows().stream().filter(w -> w.metric().equals(metric) && w.count() > 0
                && services.test(w.service())).toList())
                .forEach((service, byMetric) -> chosen.put(service, byMetric.get(metric)));
        return chosen;
    }

    /** Mean over the services of {@link #currentValues}; empty when none has the metric. */
    public Optional<Double> meanOfCurrent(String metric, Predicate<String> services) {
        SortedMap<String, Double> values = currentValues(metric, services);
        return values.isEmpty() ? Optional.empty()
                : Optional.of(values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /** Highest of the {@link #currentValues} of every service; empty when none has the metric. */
    public Optional<Double> maxOfCurrent(String metric) {
        return currentValues(metric, service -> true).values().stream().max(Double::compare);
    }

    /** The current value of a gauge's window: its {@code last}, else its mean. */
    public static double current(MetricWindow window) {
        return window.last() != null ? window.last() : window.mean();
    }

    private Map<String, MetricWindow> currentWindows(String service) {
        return currentWindows(state.windows().stream().filter(w -> w.service().equals(service)).toList())
                .getOrDefault(service, Map.of());
    }

    /** The current window of each series, by service and metric: the preferred resolution, then the latest end. */
    private static Map<String, Map<String, MetricWindow>> currentWindows(List<MetricWindow> windows) {
        Comparator<MetricWindow> better = Comparator.comparingInt((MetricWindow w) -> Resolution.currentPreference(w.resolution()))
                .thenComparing(MetricWindow::windowEnd, Comparator.reverseOrder());
        return windows.stream().collect(Collectors.groupingBy(MetricWindow::service,
                Collectors.groupingBy(MetricWindow::metric, TreeMap::new, Collectors.collectingAndThen(
                        Collectors.minBy(better), chosen -> chosen.orElseThrow()))));
    }

}
