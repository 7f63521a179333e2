package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;

import java.time.Instant;
import java.util.List;

/** Body of {@code GET /metrics/history}: the stored windows of each series in the range and their summary. */
record HistoryResponse(String resolution, Instant start, Instant end, List<Series> series) {

    HistoryResponse {
        series = List.copyOf(series);
    }

    /**
     * One {@code service/metric} series; windows ordered by start, a missing window a gap. {@code filled} holds the
     * points made up for the gaps when {@code fill} was asked for (each marked {@code interpolated}), else is left out.
     */
    record Series(String service, String metric, Summary summary, List<MetricWindow> windows,
                  List<GapFill.Filled> filled) {

        Series {
            windows = List.copyOf(windows);
            filled = filled == null ? null : List.copyOf(filled);
        }
    }
}
