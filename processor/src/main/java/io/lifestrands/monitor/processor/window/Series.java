package io.lifestrands.monitor.processor.window;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The open windows of one (service, metric), per resolution and ordered by start; only the store mutates them. */
final class Series {

    private final String service;
    private final String metric;
    private final String id;
    private final Map<Resolution, TreeMap<Long, OpenWindow>> windows = new EnumMap<>(Resolution.class);

    Series(String service, String metric) {
        this.service = service;
        this.metric = metric;
        this.id = id(service, metric);
    }

    /** {@code service/metric}: how the store and the live views know a series. */
    static String id(String service, String metric) {
        return service + "/" + metric;
    }

    String id() {
        return id;
    }

    String service() {
        return service;
    }

    String metric() {
        return metric;
    }

    /** Open windows of one resolution by start, read-only; mutate them through {@link OpenWindowStore}. */
    NavigableMap<Long, OpenWindow> windows(Resolution resolution) {
        TreeMap<Long, OpenWindow> open = windows.get(resolution);
        return open == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(open);
    }

    WindowKey key(Resolution resolution, long startMs) {
        return new WindowKey(resolution, startMs, service, metric);
    }

    OpenWindow getOrCreate(Resolution resolution, long startMs) {
        return windows.computeIfAbsent(resolution, r -> new TreeMap<>())
                .computeIfAbsent(startMs, s -> OpenWindow.empty());
    }

    void put(Resolution resolution, long startMs, OpenWindow window) {
        windows.computeIfAbsent(resolution, r -> new TreeMap<>()).put(startMs, window);
    }

    OpenWindow get(Resolution resolution, long startMs) {
        TreeMap<Long, OpenWindow> open = windows.get(resolution);
        return open == null ? null : open.get(startMs);
    }

    OpenWindow remove(Resolution resolution, long startMs) {
        TreeMap<Long, OpenWindow> open = windows.get(resolution);
        if (open == null) {
            return null;
        }
        OpenWindow removed = open.remove(startMs);
        if (open.isEmpty()) {
            windows.remove(resolution);
        }
        return removed;
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }
}
