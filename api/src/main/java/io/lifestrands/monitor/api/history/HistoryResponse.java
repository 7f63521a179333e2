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
     * Window figures are in the unit of the metric's name ({@link MetricWindow#inMetricUnit()}); {@code sketchUnit}
     * names the unit the windows' sketches are still kept in when it is another (e.g. {@code s}), else is left out.
     * {@code source} is {@code traffic} for {@code latency_ms} and {@code probe} for {@code probe_latency_ms}, else
     * left out. {@code availability} is the probe series' succeeded share with maintenance left out (and with it kept
     * beside), else left out.
     */
    record Series(String service, String metric, String source, Summary summary, Availability availability,
                  List<MetricWindow> windows, String sketchUnit, List<GapFill.Filled> filled) {

        Series {
            windows = List.copyOf(windows);
            filled = filled == null ? null : List.copyOf(filled);
        }
    }
}
