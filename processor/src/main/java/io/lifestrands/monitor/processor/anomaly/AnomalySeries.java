package io.lifestrands.monitor.processor.anomaly;

import java.util.Locale;
import java.util.Optional;

/**
 * One series the detector follows: a {@link Signal} of one service's windows of one resolution.
 *
 * @param resolution the windows' resolution label, e.g. {@code 1m}
 */
public record AnomalySeries(String service, Signal signal, String resolution) {

    public AnomalySeries {
        if (service == null || signal == null || resolution == null) {
            throw new IllegalArgumentException("service, signal and resolution are required");
        }
    }

    /** The series of a {@link #key()} among the {@link Signal#DEFAULTS}; empty when none has that key. */
    static Optional<AnomalySeries> parse(String key, String resolution) {
        int bar = key.indexOf('|');
        if (bar < 1) {
            return Optional.empty();
        }
        String service = key.substring(0, bar);
        return Signal.DEFAULTS.stream()
                .map(signal -> new AnomalySeries(service, signal, resolution))
                .filter(series -> series.key().equals(key))
                .findFirst();
    }

    /** The store and topic key: {@code service|metric|statistic}, as {@code AnomalyEpisode.key()}. */
    public String key() {
        return service + "|" + signal.metric() + "|" + signal.statistic().name().toLowerCase(Locale.ROOT);
    }
}
