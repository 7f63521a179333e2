package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.MetricWindow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The rolling views {@code live1m} and {@code live5m}: merges of the 10 s panes of the last minute and the last
 * five minutes by wall clock. A view is made only when a pane in its range changed or left the range, and panes
 * older than five minutes are dropped.
 *
 * <p>Views go out on the leading edge, at most once per series per interval (by processing time): a change to a
 * series whose views were last sent at least an interval ago is sent at once; a change within the interval marks
 * the views pending, and {@link #due} sends them, with the latest figures, once the interval has passed.
 *
 * <p>Which views were sent when is derived state on the heap. A started instance cannot know when its predecessor
 * last sent a series, so it counts every series as sent at its start: a series' first change goes out at once only
 * from one interval after the start. The views of the restored panes are the exception: {@link #restored} sends
 * them once at the first check, so consumers see the restored state.
 */
final class LiveViews {

    static final String LIVE_1M = io.lifestrands.monitor.schema.Resolution.LIVE_1M.label();
    static final String LIVE_5M = io.lifestrands.monitor.schema.Resolution.LIVE_5M.label();
    private static final long PANE_MS = Resolution.PANE.sizeMs();
    private static final long ONE_MINUTE_MS = 60_000;
    private static final long FIVE_MINUTES_MS = 300_000;

    private final OpenWindowStore store;
    private final long intervalMs;
    /** Processing time of the first call after the start, when every series counts as sent. */
    private long startMs = Long.MIN_VALUE;
    /** Per series id: the series sent within the last interval or with a view pending. */
    private final Map<String, Sent> recent = new HashMap<>();
    private long previousEnd = Long.MIN_VALUE;

    /** @param intervalMs the least time between two sends of a series' views */
    LiveViews(OpenWindowStore store, long intervalMs) {
        this.store = store;
        this.intervalMs = intervalMs;
    }

    /** A record changed a pane of the series at {@code nowMs}: both its views are pending. */
    void changed(Series series, long nowMs) {
        clock(nowMs);
        sent(series).pending(true, true);
    }

    /** The series' panes were restored, not sent: when it has any, both views are pending and due at once. */
    void restored(Series series) {
        if (!series.windows(Resolution.PANE).isEmpty()) {
            Sent sent = sent(series);
            sent.atMs = Long.MIN_VALUE;
            sent.pending(true, true);
        }
    }

    /** The pending views of this series when its interval has passed (the leading edge); none otherwise. */
    List<MetricWindow> dueOf(Series series, long nowMs) {
        clock(nowMs);
        List<MetricWindow> out = new ArrayList<>(2);
        Sent sent = recent.get(series.id());
        if (sent != null && sent.isDue(nowMs, intervalMs)) {
            sent.send(nowMs, out);
        }
        return out;
    }

    /** The pending views of every series whose interval has passed, with the figures as they are now. */
    List<MetricWindow> due(long nowMs) {
        clock(nowMs);
        List<MetricWindow> out = new ArrayList<>();
        for (Sent sent : recent.values()) {
            if (sent.isDue(nowMs, intervalMs)) {
                sent.send(nowMs, out);
            }
        }
        return out;
    }

    /**
     * Marks pending the views a pane left since the previous call, removes the panes older than five minutes from
     * the store, and forgets the series neither pending nor sent within the interval; call once per interval.
     */
    void expire(long nowMs) {
        clock(nowMs);
        long end = endAt(nowMs);
        for (Series series : store.series()) {
            NavigableMap<Long, OpenWindow> panes = series.windows(Resolution.PANE);
            if (panes.isEmpty()) {
                continue;
            }
            boolean left1m = left(panes, ONE_MINUTE_MS, end);
            boolean left5m = left(panes, FIVE_MINUTES_MS, end);
            for (Long start : List.copyOf(panes.headMap(end - FIVE_MINUTES_MS).keySet())) {
                store.remove(series, Resolution.PANE, start);
            }
            if (left1m || left5m) {
                sent(series).pending(left1m, left5m);
            }
        }
        previousEnd = end;
        for (Iterator<Sent> it = recent.values().iterator(); it.hasNext(); ) {
            Sent sent = it.next();
            if (!sent.live1m && !sent.live5m && nowMs - sent.atMs >= intervalMs) {
                it.remove();
            }
        }
    }

    /** Takes the first time seen as the start (a processor's clock is not yet set in its init). */
    private void clock(long nowMs) {
        if (startMs == Long.MIN_VALUE) {
            startMs = nowMs;
        }
    }

    private Sent sent(Series series) {
        Sent sent = recent.computeIfAbsent(series.id(), id -> new Sent(startMs));
        // the store makes a new Series for one that was emptied and comes back; views are read from the current one
        sent.series = series;
        return sent;
    }

    /** Whether a pane that was inside the range {@code span} at the previous call is before it now. */
    private boolean left(NavigableMap<Long, OpenWindow> panes, long span, long end) {
        long from = previousEnd == Long.MIN_VALUE ? Long.MIN_VALUE : previousEnd - span;
        long to = end - span;
        return from < to && !panes.subMap(from, true, to, false).isEmpty();
    }

    /** The end of the views made at {@code nowMs}: the end of the current pane. */
    private static long endAt(long nowMs) {
        return Resolution.PANE.startOf(nowMs) + PANE_MS;
    }

    private static MetricWindow view(Series series, String label, long end, long spanMs) {
        NavigableMap<Long, OpenWindow> panes = series.windows(Resolution.PANE);
        long start = end - spanMs;
        OpenWindow merged = OpenWindow.empty();
        for (OpenWindow pane : panes.tailMap(start, true).descendingMap().values()) {
            try {
                merged.merge(pane, series.metric());
            } catch (IllegalArgumentException e) {
                break; // older panes hold legacy 1 % sketches (only just after the move to scale 6): newer ones only
            }
        }
        long viewEnd = Math.max(end, panes.isEmpty() ? end : panes.lastKey() + PANE_MS);
        return merged.toWindow(series.service(), series.metric(), label, start, viewEnd, spanMs);
    }

    /** When a series' views were last sent (processing time) and which of them wait to be sent. */
    private static final class Sent {

        private Series series;
        /** When the views were last sent; {@link Long#MIN_VALUE} for never, so they are due at once. */
        private long atMs;
        private boolean live1m;
        private boolean live5m;

        Sent(long atMs) {
            this.atMs = atMs;
        }

        void pending(boolean oneMinute, boolean fiveMinutes) {
            live1m |= oneMinute;
            live5m |= fiveMinutes;
        }

        boolean isDue(long nowMs, long intervalMs) {
            return (live1m || live5m) && (atMs == Long.MIN_VALUE || nowMs - atMs >= intervalMs);
        }

        void send(long nowMs, List<MetricWindow> out) {
            long end = endAt(nowMs);
            if (live1m) {
                out.add(view(series, LIVE_1M, end, ONE_MINUTE_MS));
            }
            if (live5m) {
                out.add(view(series, LIVE_5M, end, FIVE_MINUTES_MS));
            }
            live1m = false;
            live5m = false;
            atMs = nowMs;
        }
    }
}
