package io.lifestrands.monitor.schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code resolution} of a {@link MetricWindow}: final windows aligned to the epoch ({@code 1m}, {@code 5m},
 * {@code 1h}, UTC days {@code 1d}) and the rolling live views ({@code live1m}, {@code live5m}: the last minute or five
 * up to now, updated in place).
 */
public enum Resolution {
    MINUTE("1m", Duration.ofMinutes(1), false),
    FIVE_MINUTES("5m", Duration.ofMinutes(5), false),
    HOUR("1h", Duration.ofHours(1), false),
    DAY("1d", Duration.ofDays(1), false),
    LIVE_1M("live1m", Duration.ofMinutes(1), true),
    LIVE_5M("live5m", Duration.ofMinutes(5), true);

    /** Which window of a series counts as its current one, best first: the freshest rolling view, then final ones. */
    public static final List<Resolution> CURRENT_PREFERENCE = List.of(LIVE_1M, MINUTE, LIVE_5M, FIVE_MINUTES, HOUR);

    private final String label;
    private final Duration size;
    private final boolean live;

    Resolution(String label, Duration size, boolean live) {
        this.label = label;
        this.size = size;
        this.live = live;
    }

    /** The {@code resolution} field of a window, e.g. {@code 1m} or {@code live5m}. */
    public String label() {
        return label;
    }

    public Duration size() {
        return size;
    }

    /** A rolling view updated in place, as opposed to a final window. */
    public boolean live() {
        return live;
    }

    public static Optional<Resolution> ofLabel(String label) {
        for (Resolution resolution : values()) {
            if (resolution.label.equals(label)) {
                return Optional.of(resolution);
            }
        }
        return Optional.empty();
    }

    /** Position of {@code label} in {@link #CURRENT_PREFERENCE}; after all of them when it is not there. */
    public static int currentPreference(String label) {
        return ofLabel(label).map(CURRENT_PREFERENCE::indexOf).filter(i -> i >= 0).orElse(CURRENT_PREFERENCE.size());
    }
}
