package io.lifestrands.monitor.processor.window;

/**
 * Store key of one open window: zero-padded epoch millis of its start, then {@code |service/metric}, so the store's
 * byte order is window-start order and the closing punctuator range-scans only the windows that are due.
 */
record WindowKey(long startMs, String service, String metric) {

    private static final String FORMAT = "%013d";

    WindowKey {
        if (startMs < 0) {
            throw new IllegalArgumentException("window start must be >= 0, was " + startMs);
        }
    }

    String encode() {
        return String.format(FORMAT, startMs) + "|" + service + "/" + metric;
    }

    /** Parses {@link #encode()}; service and metric ids cannot contain {@code |} or {@code /}. */
    static WindowKey parse(String key) {
        int bar = key.indexOf('|');
        int slash = key.indexOf('/', bar + 1);
        if (bar < 1 || slash < 0) {
            throw new IllegalArgumentException("open-window key must look like <start>|<service>/<metric>, was '"
                    + key + "'");
        }
        return new WindowKey(Long.parseLong(key.substring(0, bar)), key.substring(bar + 1, slash),
                key.substring(slash + 1));
    }

    /** Lowest possible window key. */
    static String lowest() {
        return String.format(FORMAT, 0L);
    }

    /**
     * An inclusive upper bound that takes every window starting at or before {@code maxStartMs} and nothing later:
     * the bare padded number of the next millisecond sorts before any key that starts with it.
     */
    static String upperBoundForStartsThrough(long maxStartMs) {
        return String.format(FORMAT, maxStartMs + 1);
    }
}
