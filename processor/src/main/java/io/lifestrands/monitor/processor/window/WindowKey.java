package io.lifestrands.monitor.processor.window;

/**
 * Identity of one open window or pane: resolution, epoch-millis start, service and metric. Its {@link #encode()}d
 * form is the key in the open-windows store.
 */
record WindowKey(Resolution resolution, long startMs, String service, String metric) {

    WindowKey {
        if (resolution == null) {
            throw new IllegalArgumentException("resolution is required");
        }
        if (startMs < 0) {
            throw new IllegalArgumentException("window start must be >= 0, was " + startMs);
        }
    }

    long endMs() {
        return startMs + resolution.sizeMs();
    }

    /** {@code <resolution>|<start>|<service>/<metric>}; ids cannot contain {@code |} or {@code /}. */
    String encode() {
        return resolution.label() + "|" + startMs + "|" + service + "/" + metric;
    }

    /** Parses {@link #encode()}. */
    static WindowKey parse(String key) {
        int first = key.indexOf('|');
        int second = key.indexOf('|', first + 1);
        int slash = key.indexOf('/', second + 1);
        if (first < 1 || second < 0 || slash < 0) {
            throw new IllegalArgumentException("open-window key must look like <resolution>|<start>|<service>/<metric>,"
                    + " was '" + key + "'");
        }
        return new WindowKey(Resolution.ofLabel(key.substring(0, first)),
                Long.parseLong(key.substring(first + 1, second)), key.substring(second + 1, slash),
                key.substring(slash + 1));
    }
}
