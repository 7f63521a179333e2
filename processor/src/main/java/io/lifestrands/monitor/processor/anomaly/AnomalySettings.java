package io.lifestrands.monitor.processor.anomaly;

import java.util.Map;

import static io.lifestrands.monitor.processor.ProcessorSettings.parse;

/**
 * Settings of the anomaly detector, the same for every series; what differs per series is its {@link Signal}.
 *
 * @param history           closed windows the baseline (median, MAD) is taken over, newest last
 * @param warmUp            windows a series needs in its history before any verdict
 * @param threshold         |robust score| above which a window counts as anomalous (in the series' bad direction)
 * @param persistence       anomalous windows among the last {@code persistenceWindow} that open an episode (k)
 * @param persistenceWindow the windows persistence counts over (n)
 * @param minChange         least relative change from the median: up, {@code x >= median (1 + minChange)}; down,
 *                          {@code x <= median / (1 + minChange)}
 * @param madFloor          the MAD is taken as at least this fraction of the median, so a flat series does not
 *                          make every small wobble a huge score
 * @param closeAfter        consecutive normal windows after which an open episode closes
 */
public record AnomalySettings(int history, int warmUp, double threshold, int persistence, int persistenceWindow,
                              double minChange, double madFloor, int closeAfter) {

    /** With the largest persistence window, a series' state stays under 4 KB (see {@link SeriesState#encode}). */
    public static final int MAX_HISTORY = 360;
    /** Persistence bits are one int. */
    public static final int MAX_PERSISTENCE_WINDOW = 16;

    /** An hour of one-minute windows: long enough for a stable median, short enough to follow the day's curve. */
    public static final int DEFAULT_HISTORY = 60;
    public static final int DEFAULT_WARM_UP = 30;
    /**
     * Lower than the textbook 3.5: the minimum change and persistence keep noise out, and a noisy series (a p95 of
     * a few dozen requests a minute) needs it to see a 2x step in all of its first three windows (BENCHMARKS.md Q1).
     */
    public static final double DEFAULT_THRESHOLD = 2.0;
    /**
     * Three in a row: a 2x step must be found within 3 minutes, so its first three windows decide either way, while
     * 3 of 5 also lets a spike open an episode with two noisy windows around it (BENCHMARKS.md Q1).
     */
    public static final int DEFAULT_PERSISTENCE = 3;
    public static final int DEFAULT_PERSISTENCE_WINDOW = 3;
    /** 1.4x up or down to 1/1.4: heavy-tailed p95 noise rarely holds that for three minutes, a 2x step does. */
    public static final double DEFAULT_MIN_CHANGE = 0.4;
    public static final double DEFAULT_MAD_FLOOR = 0.05;
    public static final int DEFAULT_CLOSE_AFTER = 5;

    public AnomalySettings {
        if (history < 1 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_HISTORY must be between 1 and " + MAX_HISTORY
                    + ", was " + history);
        }
        if (warmUp < 1 || warmUp > history) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_WARM_UP must be between 1 and the history "
                    + history + ", was " + warmUp);
        }
        if (!Double.isFinite(threshold) || threshold <= 0) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_THRESHOLD must be a number > 0, was " + threshold);
        }
        if (persistence < 1 || persistence > persistenceWindow || persistenceWindow > MAX_PERSISTENCE_WINDOW) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_PERSISTENCE must be k/n with 1 <= k <= n <= "
                    + MAX_PERSISTENCE_WINDOW + ", was " + persistence + "/" + persistenceWindow);
        }
        if (!Double.isFinite(minChange) || minChange < 0) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_MIN_CHANGE must be a number >= 0, was " + minChange);
        }
        if (!Double.isFinite(madFloor) || madFloor <= 0) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_MAD_FLOOR must be a number > 0, was " + madFloor);
        }
        if (closeAfter < 1) {
            throw new IllegalArgumentException("MONITOR_ANOMALY_CLOSE_AFTER must be >= 1, was " + closeAfter);
        }
    }

    public static AnomalySettings defaults() {
        return new AnomalySettings(DEFAULT_HISTORY, DEFAULT_WARM_UP, DEFAULT_THRESHOLD, DEFAULT_PERSISTENCE,
                DEFAULT_PERSISTENCE_WINDOW, DEFAULT_MIN_CHANGE, DEFAULT_MAD_FLOOR, DEFAULT_CLOSE_AFTER);
    }

    /**
     * Reads {@code MONITOR_ANOMALY_HISTORY}, {@code MONITOR_ANOMALY_WARM_UP}, {@code MONITOR_ANOMALY_THRESHOLD},
     * {@code MONITOR_ANOMALY_PERSISTENCE} ({@code k/n}), {@code MONITOR_ANOMALY_MIN_CHANGE},
     * {@code MONITOR_ANOMALY_MAD_FLOOR} and {@code MONITOR_ANOMALY_CLOSE_AFTER}; unset ones take the defaults.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid
     */
    public static AnomalySettings fromEnv(Map<String, String> env) {
        int[] persistence = parse(env, "MONITOR_ANOMALY_PERSISTENCE", AnomalySettings::kOfN,
                new int[] {DEFAULT_PERSISTENCE, DEFAULT_PERSISTENCE_WINDOW});
        return new AnomalySettings(
                parse(env, "MONITOR_ANOMALY_HISTORY", Integer::parseInt, DEFAULT_HISTORY),
                parse(env, "MONITOR_ANOMALY_WARM_UP", Integer::parseInt, DEFAULT_WARM_UP),
                parse(env, "MONITOR_ANOMALY_THRESHOLD", Double::parseDouble, DEFAULT_THRESHOLD),
                persistence[0], persistence[1],
                parse(env, "MONITOR_ANOMALY_MIN_CHANGE", Double::parseDouble, DEFAULT_MIN_CHANGE),
                parse(env, "MONITOR_ANOMALY_MAD_FLOOR", Double::parseDouble, DEFAULT_MAD_FLOOR),
                parse(env, "MONITOR_ANOMALY_CLOSE_AFTER", Integer::parseInt, DEFAULT_CLOSE_AFTER));
    }

    private static int[] kOfN(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected k/n, e.g. 3/5");
        }
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }
}
