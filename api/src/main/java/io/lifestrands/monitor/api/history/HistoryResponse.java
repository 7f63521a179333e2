package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;

import java.time.Instant;
import java.util.List;

/** Body of {@code GET /metrics/history}: the stored windows of each series in the range and their summary. */
record HistoryResponse(String resolution, Instant start, Instant end, List<Series> series) {

    HistoryResponse {
        series = List.copyOf(series);
    }

    /** One {@code service/metric} series; windows ordered by start. */
    record Series(String service, String metric, Summary summary, List<MetricWindow> windows) {

        Series {
            windows = List.copyOf(windows);
        }
    }
}
