package io.lifestrands.monitor.processor.anomaly;

import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;

import java.time.Instant;
import java.util.Optional;

/**
 * The anomaly detector of one series per call, with no Kafka in it: {@code observe(state, series, value, start,
 * end)} takes the value of one closed window and returns the series' next state and the episode transition to
 * announce. Time is the windows' end, never the wall clock.
 *
 * <p>A window is anomalous when its robust score against the median and MAD of the history before it
 * ({@link Baseline}) passes the threshold in the series' bad direction and its distance from the median is at least
 * the relative and the absolute minimum change. An episode opens at an anomalous window that makes k of the last n
 * anomalous (persistence), so one spike raises nothing; it starts with the oldest of those windows. It closes after
 * {@code closeAfter} normal windows in a row and ends with its last anomalous window. No verdict is given before the
 * history holds {@code warmUp} windows; a gap longer than the history starts the series over (closing its episode).
 * Every window joins the history, so a shift that lasts longer than half the history becomes the new baseline.
 */
public final class AnomalyDetector {

    /**
     * How much farther from the median than the rest of its run a window must be to be a spike in noise. A 2x step
     * whose windows wobble stays under it; a 3-10x spike beside two 1.5x windows is over it (BENCHMARKS.md Q1).
     */
    static final double SPIKE_RATIO = 4.0;

    private final AnomalySettings settings;

    public AnomalyDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    public AnomalySettings settings() {
        return settings;
    }

    /**
     * Takes one closed window of a series.
     *
     * @param state the series' stored state; null for a series never seen
     * @param value the window's figure; a value that is not finite, or a window not after the latest one taken,
     *              changes nothing
     */
    public Verdict observe(SeriesState state, AnomalySeries series, double value, Instant start, Instant end) {
        SeriesState current = state == null ? SeriesState.EMPTY : state;
        long startMs = start.toEpochMilli();
        long endMs = end.toEpochMilli();
        if (!Double.isFinite(value) || endMs <= current.lastEndMs()) {
            return new Verdict(current, Optional.empty());
        }
        if (current.size() > 0 && startMs - current.lastEndMs() >= settings.history() * (endMs - startMs)) {
            // the history says nothing about now any more: start over (a warm-up is at least one window)
            return new Verdict(append(SeriesState.EMPTY, value, false, startMs, endMs),
                    current.episode().map(open -> closed(series, open)));
        }
        if (current.size() < settings.warmUp()) {
            return new Verdict(append(current, value, false, startMs, endMs), Optional.empty());
        }
        Baseline baseline = Baseline.of(current.history(), settings.madFloor(), series.signal().minChange() / 10);
        Point point = new Point(value, baseline.median(), baseline.score(value), endMs);
        boolean anomalous = anomalous(series, point);
        SeriesState next = append(current, value, anomalous, startMs, endMs);
        return next.episode()
                .map(open -> anomalous ? new Verdict(next.withEpisode(open.anomalousAgain(point)), Optional.empty())
                        : normalAgain(next, series, open))
                .orElseGet(() -> anomalous && next.anomalousCount() >= settings.persistence()
                        && !spikeInNoise(next, series, point.baseline())
                        ? opened(next, series, point) : new Verdict(next, Optional.empty()));
    }

    /**
     * Whether the anomalous windows of the latest ones are one spike among noise: the farthest from the median is
     * more than {@link #SPIKE_RATIO} times as far as the next farthest. A p95 of a few dozen requests is 1.5x its
     * median by chance now and then; two such windows and a spike complete a run that no step made (BENCHMARKS.md
     * Q1). A run of a single window ({@code persistence} 1) is never judged a spike.
     */
    static boolean spikeInNoise(SeriesState state, AnomalySeries series, double median) {
        double sign = series.signal().direction().sign();
        double farthest = 0;
        double next = 0;
        for (double distance : state.anomalousDistances(median, sign)) {
            if (distance > farthest) {
                next = farthest;
                farthest = distance;
            } else if (distance > next) {
                next = distance;
            }
        }
        return next > 0 && farthest > SPIKE_RATIO * next;
    }

    /** The episode opens at this point, starting with the oldest anomalous window among the latest ones. */
    private static Verdict opened(SeriesState next, AnomalySeries series, Point point) {
        long startMs = next.oldestAnomalousStartMs();
        return new Verdict(next.withEpisode(SeriesState.OpenEpisode.at(startMs, point)), Optional.of(episode(series,
                AnomalyState.OPEN, startMs, null, point.value(), point.baseline(), point.score())));
    }

    /** A normal window in an episode: the episode closes after {@code closeAfter} of them in a row. */
    private Verdict normalAgain(SeriesState next, AnomalySeries series, SeriesState.OpenEpisode open) {
        if (open.normalStreak() + 1 >= settings.closeAfter()) {
            return new Verdict(next.withEpisode(null), Optional.of(closed(series, open)));
        }
        return new Verdict(next.withEpisode(open.normalAgain()), Optional.empty());
    }

    /**
     * The series has been silent too long to be followed on: the transition that closes its open episode, at the
     * end of its last anomalous window; empty when none is open.
     */
    public Optional<AnomalyEpisode> expire(SeriesState state, AnomalySeries series) {
        return state.episode().map(open -> closed(series, open));
    }

    /** Whether a point is far enough from the baseline, the bad way, both by score and by change. */
    private boolean anomalous(AnomalySeries series, Point point) {
        AnomalyDirection direction = series.signal().direction();
        if (direction.sign() * point.score() <= settings.threshold()) {
            return false;
        }
        double median = Math.abs(point.baseline());
        double distance = direction.sign() * (point.value() - point.baseline());
        double relative = direction == AnomalyDirection.UP ? settings.minChange() * median
                : settings.minChange() / (1 + settings.minChange()) * median;
        return distance >= Math.max(relative, series.signal().minChange());
    }

    private SeriesState append(SeriesState state, double value, boolean anomalous, long startMs, long endMs) {
        return state.append(value, anomalous, startMs, endMs, settings.history(), settings.persistenceWindow());
    }

    private static AnomalyEpisode closed(AnomalySeries series, SeriesState.OpenEpisode open) {
        Point peak = open.peak();
        return episode(series, AnomalyState.CLOSED, open.startMs(), Instant.ofEpochMilli(open.lastAnomalousEndMs()),
                peak.value(), peak.baseline(), peak.score());
    }

    private static AnomalyEpisode episode(AnomalySeries series, AnomalyState state, long startMs, Instant end,
                                          double observed, double baseline, double score) {
        return new AnomalyEpisode(null, series.service(), series.signal().metric(), series.signal().statistic(),
                series.resolution(), state, Instant.ofEpochMilli(startMs), end, observed, baseline, score,
                series.signal().direction());
    }

    /**
     * One judged window: its value, the median it was compared with, its score, and its end.
     */
    record Point(double value, double baseline, double score, long endMs) {
    }
}
