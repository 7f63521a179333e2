package io.lifestrands.monitor.processor.window;

import java.time.Duration;

/**
 * The window sizes the processor keeps: 10 s panes for the live views, the final 1m windows and their 5m and 1h
 * roll-ups, and UTC days for business events. Windows are aligned to the epoch, so a day is a UTC day.
 */
enum Resolution {
    PANE("pane", Duration.ofSeconds(10)),
    MINUTE(io.lifestrands.monitor.schema.Resolution.MINUTE),
    FIVE_MINUTES(io.lifestrands.monitor.schema.Resolution.FIVE_MINUTES),
    HOUR(io.lifestrands.monitor.schema.Resolution.HOUR),
    DAY(io.lifestrands.monitor.schema.Resolution.DAY);

    private final String label;
    private final Duration size;

    Resolution(String label, Duration size) {
        this.label = label;
        this.size = size;
    }

    /** A final window of the shared vocabulary. */
    Resolution(io.lifestrands.monitor.schema.Resolution emitted) {
        this(emitted.label(), emitted.size());
    }

    /** The {@code resolution} field of the emitted {@code MetricWindow}. */
    String label() {
        return label;
    }

    Duration size() {
        return size;
    }

    long sizeMs() {
        return size.toMillis();
    }

    /** Start, in epoch millis, of the window of this size that contains {@code timestampMs}. */
    long startOf(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, size.toMillis());
    }

    /** @throws IllegalArgumentException when no resolution has this label */
    static Resolution ofLabel(String label) {
        for (Resolution resolution : values()) {
            if (resolution.label.equals(label)) {
                return resolution;
            }
        }
        throw new IllegalArgumentException("unknown window resolution '" + label + "'");
    }
}
