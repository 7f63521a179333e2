package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric over the last {@code range}, summarised per service from the stored windows: the resolution is chosen
 * from the range as for {@code /metrics/history}, percentiles come from the merged sketches.
 */
@Component
public class RangeSummaries {

    private final HistoryStore store;
    private final HistorySettings settings;
    private final Clock clock;

    RangeSummaries(HistoryStore store, HistorySettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param metric e.g. {@code latency_ms}
     * @return summary per service, sorted; services without windows in the range are absent
     */
    public Map<String, Summary> perService(String metric, Duration range) {
        Instant end = clock.instant();
        HistoryQuery query = HistoryQuery.parse(null, metric, null, end.minus(range).toString(), end.toString(),
                settings.resolutions(), end);
        List<MetricWindow> windows = store.windows(query.resolution(), query.start(), query.end(), null, metric,
                settings.maxWindows());
        Map<String, List<MetricWindow>> byService = new TreeMap<>();
        windows.forEach(w -> byService.computeIfAbsent(w.service(), k -> new ArrayList<>()).add(w));
        Map<String, Summary> summaries = new TreeMap<>();
        byService.forEach((service, list) -> summaries.put(service, Summary.of(list)));
        return summaries;
    }

    /** The resolution {@link #perService} reads for {@code range}. */
    public String resolutionFor(Duration range) {
        Instant end = clock.instant();
        return HistoryQuery.parse(null, null, null, end.minus(range).toString(), end.toString(),
                settings.resolutions(), end).resolution();
    }
}
