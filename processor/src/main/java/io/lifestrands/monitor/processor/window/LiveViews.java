package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.MetricWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The rolling views {@code live1m} and {@code live5m}: merges of the 10 s panes of the last minute and the last
 * five minutes by wall clock. A record touches one pane; a view is rebuilt only when a pane in its range changed or
 * left the range, and panes older than five minutes are dropped.
 */
final class LiveViews {

    static final String LIVE_1M = "live1m";
    static final String LIVE_5M = "live5m";
    private static final long PANE_MS = Resolution.PANE.sizeMs();
    private static final long ONE_MINUTE_MS = 60_000;
    private static final long FIVE_MINUTES_MS = 300_000;

    private final OpenWindowStore store;
    private long previousEnd = Long.MIN_VALUE;

    LiveViews(OpenWindowStore store) {
        this.store = store;
    }

    /**
     * The views that changed since the previous tick, for the series whose panes got samples ({@code dirty}, ids
     * {@code service/metric}) or lost a pane to time; expired panes are removed from the store.
     */
    List<MetricWindow> tick(long nowMs, Set<String> dirty) {
        long end = Resolution.PANE.startOf(nowMs) + PANE_MS;
        List<MetricWindow> out = new ArrayList<>();
        for (Series series : store.series()) {
            NavigableMap<Long, OpenWindow> panes = series.windows(Resolution.PANE);
            if (panes.isEmpty()) {
                continue;
            }
            boolean changed = dirty.contains(series.service() + "/" + series.metric());
            boolean left1m = left(panes, ONE_MINUTE_MS, end);
            boolean left5m = left(panes, FIVE_MINUTES_MS, end);
            for (Long start : List.copyOf(panes.headMap(end - FIVE_MINUTES_MS).keySet())) {
                store.remove(series, Resolution.PANE, start);
            }
            if (changed || left1m) {
                out.add(view(series, panes, LIVE_1M, end - ONE_MINUTE_MS, end, ONE_MINUTE_MS));
            }
            if (changed || left5m) {
                out.add(view(series, panes, LIVE_5M, end - FIVE_MINUTES_MS, end, FIVE_MINUTES_MS));
            }
        }
        previousEnd = end;
        return out;
    }

    /** Whether a pane that was inside the range {@code span} at the previous tick is before it now. */
    private boolean left(NavigableMap<Long, OpenWindow> panes, long span, long end) {
        long from = previousEnd == Long.MIN_VALUE ? Long.MIN_VALUE : previousEnd - span;
        long to = end - span;
        return from < to && !panes.subMap(from, true, to, false).isEmpty();
    }

    private static MetricWindow view(Series series, NavigableMap<Long, OpenWindow> panes, String label, long start,
                                     long end, long spanMs) {
        OpenWindow merged = OpenWindow.empty();
        panes.tailMap(start, true).values().forEach(merged::merge);
        long viewEnd = Math.max(end, panes.isEmpty() ? end : panes.lastKey() + PANE_MS);
        return merged.toWindow(series.service(), series.metric(), label, start, viewEnd, spanMs);
    }
}
