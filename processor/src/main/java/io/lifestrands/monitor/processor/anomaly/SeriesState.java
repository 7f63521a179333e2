package io.lifestrands.monitor.processor.anomaly;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the detector keeps of one series between two windows: the values of the last closed windows (oldest first),
 * which of the latest were anomalous and when they started, and the open episode if there is one. Immutable; the
 * detector makes a new one per window. Its {@link #encode()}d form is the store's value and stays under 4 KB
 * ({@link AnomalySettings#MAX_HISTORY} values and {@link AnomalySettings#MAX_PERSISTENCE_WINDOW} starts).
 */
public final class SeriesState {

    static final SeriesState EMPTY = new SeriesState(new double[0], Long.MIN_VALUE, 0, new long[0], null);
    private static final byte VERSION = 1;

    private final double[] history;
    private final long lastEndMs;
    /** Bit i: the window i places before the newest was anomalous. */
    private final int flags;
    /** Window starts of the latest windows, newest first, as many as the persistence window. */
    private final long[] recentStartsMs;
    private final OpenEpisode episode;

    /**
     * An open episode as the state keeps it: its start, the end of its latest anomalous window, how many normal
     * windows came since, and its most anomalous window so far.
     */
    record OpenEpisode(long startMs, long lastAnomalousEndMs, int normalStreak, AnomalyDetector.Point peak) {

        /** An episode opened at {@code point}, starting at {@code startMs}. */
        static OpenEpisode at(long startMs, AnomalyDetector.Point point) {
            return new OpenEpisode(startMs, point.endMs(), 0, point);
        }

        /** Another anomalous window: the streak of normal ones ends; the peak is the larger |score|. */
        OpenEpisode anomalousAgain(AnomalyDetector.Point point) {
            return new OpenEpisode(startMs, point.endMs(), 0,
                    Math.abs(point.score()) > Math.abs(peak.score()) ? point : peak);
        }

        /** Another normal window. */
        OpenEpisode normalAgain() {
            return new OpenEpisode(startMs, lastAnomalousEndMs, normalStreak + 1, peak);
        }
    }

    private SeriesState(double[] history, long lastEndMs, int flags, long[] recentStartsMs, OpenEpisode episode) {
        this.history = history;
        this.lastEndMs = lastEndMs;
        this.flags = flags;
        this.recentStartsMs = recentStartsMs;
        this.episode = episode;
    }

    /** The values of the history, oldest first (a copy). */
    double[] history() {
        return history.clone();
    }

    int size() {
        return history.length;
    }

    /** End of the latest window taken, {@link Long#MIN_VALUE} before the first. */
    long lastEndMs() {
        return lastEndMs;
    }

    Optional<OpenEpisode> episode() {
        return Optional.ofNullable(episode);
    }

    /** Whether the series is in an anomaly episode. */
    public boolean episodeOpen() {
        return episode != null;
    }

    /** How many of the latest windows were anomalous. */
    int anomalousCount() {
        return Integer.bitCount(flags);
    }

    /**
     * How far each anomalous window among the latest ones lies from {@code median} in the bad direction
     * ({@code sign} 1 up, -1 down), newest first.
     */
    double[] anomalousDistances(double median, double sign) {
        double[] distances = new double[anomalousCount()];
        int found = 0;
        for (int i = 0; i < recentStartsMs.length && i < history.length; i++) {
            if ((flags & (1 << i)) != 0) {
                distances[found++] = sign * (history[history.length - 1 - i] - median);
            }
        }
        return found == distances.length ? distances : Arrays.copyOf(distances, found);
    }

    /** The start of the oldest anomalous window among the latest ones; the newest's start when none is. */
    long oldestAnomalousStartMs() {
        for (int i = recentStartsMs.length - 1; i >= 0; i--) {
            if ((flags & (1 << i)) != 0) {
                return recentStartsMs[i];
            }
        }
        return recentStartsMs[0];
    }

    /**
     * This state with one more window: its value joins the history (the oldest leaves past {@code capacity}) and
     * its verdict the latest {@code recent} flags.
     */
    SeriesState append(double value, boolean anomalous, long startMs, long endMs, int capacity, int recent) {
        int keep = Math.min(history.length, capacity - 1);
        double[] nextHistory = new double[keep + 1];
        System.arraycopy(history, history.length - keep, nextHistory, 0, keep);
        nextHistory[keep] = value;
        long[] nextStarts = new long[Math.min(recentStartsMs.length + 1, recent)];
        nextStarts[0] = startMs;
        System.arraycopy(recentStartsMs, 0, nextStarts, 1, nextStarts.length - 1);
        int nextFlags = ((flags << 1) | (anomalous ? 1 : 0)) & ((1 << recent) - 1);
        return new SeriesState(nextHistory, endMs, nextFlags, nextStarts, episode);
    }

    /** This state with {@code next} as its open episode, or none when null. */
    SeriesState withEpisode(OpenEpisode next) {
        return new SeriesState(history, lastEndMs, flags, recentStartsMs, next);
    }

    /**
     * The store's form: a version byte, the history (count, values), the last end, the flags, the recent starts
     * (count, values) and the open episode (a presence byte, then its fields).
     */
    public byte[] encode() {
        int size = 1 + 2 + history.length * Double.BYTES + Long.BYTES + Integer.BYTES + 1
                + recentStartsMs.length * Long.BYTES + 1 + (episode == null ? 0 : 3 * Long.BYTES + Short.BYTES
                + 3 * Double.BYTES);
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putShort((short) history.length);
        for (double value : history) {
            out.putDouble(value);
        }
        out.putLong(lastEndMs).putInt(flags).put((byte) recentStartsMs.length);
        for (long start : recentStartsMs) {
            out.putLong(start);
        }
        out.put((byte) (episode == null ? 0 : 1));
        if (episode != null) {
            AnomalyDetector.Point peak = episode.peak();
            out.putLong(episode.startMs()).putLong(episode.lastAnomalousEndMs())
                    .putShort((short) Math.min(episode.normalStreak(), Short.MAX_VALUE))
                    .putDouble(peak.value()).putDouble(peak.baseline()).putDouble(peak.score()).putLong(peak.endMs());
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when the bytes are not an encoded state */
    public static SeriesState decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown anomaly state version " + version);
            }
            double[] history = new double[in.getShort()];
            for (int i = 0; i < history.length; i++) {
                history[i] = in.getDouble();
            }
            long lastEndMs = in.getLong();
            int flags = in.getInt();
            long[] starts = new long[in.get()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = in.getLong();
            }
            OpenEpisode episode = in.get() == 0 ? null : new OpenEpisode(in.getLong(), in.getLong(), in.getShort(),
                    new AnomalyDetector.Point(in.getDouble(), in.getDouble(), in.getDouble(), in.getLong()));
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after an anomaly state");
            }
            return new SeriesState(history, lastEndMs, flags, starts, episode);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated anomaly state of " + bytes.length + " bytes", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesState that && Arrays.equals(history, that.history)
                && lastEndMs == that.lastEndMs && flags == that.flags
                && Arrays.equals(recentStartsMs, that.recentStartsMs) && Objects.equals(episode, that.episode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(history) * 31 + Long.hashCode(lastEndMs);
    }
}
