package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.schema.MetricWindow;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads "the current value" of gauges from the live state: the newest window's {@code last}, else its mean. */
final class LatestValues {

    private LatestValues() {
    }

    /** The current value of {@code metric} per service whose id passes {@code services}. */
    static Map<String, Double> perService(LiveState state, String metric, Predicate<String> services) {
        return state.windows().stream()
                .filter(w -> w.metric().equals(metric) && services.test(w.service()) && w.count() > 0)
                .collect(Collectors.groupingBy(MetricWindow::service,
                        Collectors.collectingAndThen(Collectors.maxBy(Comparator.comparing(MetricWindow::windowEnd)),
                                w -> value(w.orElseThrow()))));
    }

    /** Mean over services of their current value; empty when no service has the metric. */
    static Optional<Double> mean(LiveState state, String metric, Predicate<String> services) {
        List<Double> values = List.copyOf(perService(state, metric, services).values());
        return values.isEmpty() ? Optional.empty()
                : Optional.of(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    static Optional<Double> max(LiveState state, String metric) {
        return perService(state, metric, service -> true).values().stream().max(Double::compare);
    }

    static double value(MetricWindow window) {
        return window.last() != null ? window.last() : window.mean();
    }
}
