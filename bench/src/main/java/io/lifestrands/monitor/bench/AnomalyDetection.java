package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.anomaly.AnomalyDetector;
import io.lifestrands.monitor.processor.anomaly.AnomalySeries;
import io.lifestrands.monitor.processor.anomaly.AnomalySettings;
import io.lifestrands.monitor.processor.anomaly.SeriesState;
import io.lifestrands.monitor.processor.anomaly.Signal;
import io.lifestrands.monitor.processor.anomaly.Verdict;
import io.lifestrands.monitor.schema.Statistic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Q1: synthetic weeks of one-minute p95 latencies ({@link SyntheticWeek}) through the production
 * {@link AnomalyDetector} with the {@code latency_ms} p95 signal, and the same data through a fixed threshold
 * (p95 > 2,000 ms, the default {@code high_latency} threshold, point by point) and a plain z-score (mean and
 * standard deviation of the same history, |z| > 3, point by point, after the same warm-up), scored against the
 * injected incidents by {@link EpisodeTally}.
 */
final class AnomalyDetection {

    static final double FIXED_THRESHOLD_MS = 2000;
    static final double Z_CUT = 3;
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final AnomalySeries SERIES = new AnomalySeries("gateway", Signal.of("latency_ms").stream()
            .filter(signal -> signal.statistic() == Statistic.P95).findFirst().orElseThrow(), "1m");

    private AnomalyDetection() {
    }

    static Results run(int series, long seed, AnomalySettings settings) {
        AnomalyDetector detector = new AnomalyDetector(settings);
        EpisodeTally ours = new EpisodeTally();
        EpisodeTally fixed = new EpisodeTally();
        EpisodeTally zScore = new EpisodeTally();
        long stateBytesMax = 0;
        long stateBytesSum = 0;
        long detectorNanos = 0;
        int stepsUnderThreshold = 0;
        for (int s = 0; s < series; s++) {
            SyntheticWeek week = SyntheticWeek.generate(seed * 1_000_003L + s, SyntheticWeek.MINUTES);
            long started = System.nanoTime();
            boolean[] inEpisode = new boolean[week.p95().length];
            SeriesState state = null;
            int largest = 0;
            for (int t = 0; t < inEpisode.length; t++) {
                Verdict verdict = detector.observe(state, SERIES, week.p95()[t], at(t), at(t + 1));
                state = verdict.state();
                inEpisode[t] = state.episodeOpen();
                if (t % 60 == 59 || inEpisode[t]) {
                    largest = Math.max(largest, state.encode().length);
                }
            }
            detectorNanos += System.nanoTime() - started;
            stateBytesMax = Math.max(stateBytesMax, largest);
            stateBytesSum += largest;
            ours.add(week, inEpisode);
            fixed.add(week, fixedThreshold(week.p95()));
            zScore.add(week, zScore(week.p95(), settings.history(), settings.warmUp()));
            stepsUnderThreshold += stepsUnderThreshold(week);
        }
        int keyBytes = SERIES.key().getBytes(StandardCharsets.UTF_8).length;
        Map<String, Object> stateFigures = new LinkedHashMap<>();
        stateFigures.put("value_bytes_max", stateBytesMax);
        stateFigures.put("value_bytes_mean", Math.round((double) stateBytesSum / series));
        stateFigures.put("key_bytes", keyBytes);
        stateFigures.put("target_bytes", 4096);
        return Results.of("q1-anomaly-detection")
                .put("series", series)
                .put("minutes_per_series", SyntheticWeek.MINUTES)
                .put("seed", seed)
                .put("settings", settings)
                .put("steps_under_fixed_threshold", stepsUnderThreshold)
                .put("false_per_series_week", ours.falsePerSeriesWeek(series))
                .put("steps_within_3m_pct", ours.stepsWithin(3))
                .put("spikes_raising", ours.spikesRaising())
                .put("state_bytes_max", stateBytesMax)
                .put("detector_us_per_window", detectorNanos / 1000.0 / series / SyntheticWeek.MINUTES)
                .put("ours", ours.figures(series))
                .put("fixed_threshold_2000ms", fixed.figures(series))
                .put("z_score_3", zScore.figures(series))
                .put("state", stateFigures);
    }

    /** In an episode while the p95 is above the threshold. */
    static boolean[] fixedThreshold(double[] p95) {
        boolean[] in = new boolean[p95.length];
        for (int t = 0; t < p95.length; t++) {
            in[t] = p95[t] > FIXED_THRESHOLD_MS;
        }
        return in;
    }

    /** In an episode while |z| > 3 against the mean and standard deviation of the previous {@code history}. */
    static boolean[] zScore(double[] p95, int history, int warmUp) {
        boolean[] in = new boolean[p95.length];
        double sum = 0;
        double squares = 0;
        for (int t = 0; t < p95.length; t++) {
            int n = Math.min(t, history);
            if (n >= warmUp) {
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
                in[t] = sd > 0 && Math.abs(p95[t] - mean) / sd > Z_CUT;
            }
            sum += p95[t];
            squares += p95[t] * p95[t];
            if (t >= history) {
                sum -= p95[t - history];
                squares -= p95[t - history] * p95[t - history];
            }
        }
        return in;
    }

    /** Steps whose p95 stayed under the fixed threshold all along: what the threshold cannot see. */
    private static int stepsUnderThreshold(SyntheticWeek week) {
        int under = 0;
        for (SyntheticWeek.Incident incident : week.incidents()) {
            if (incident.kind() == SyntheticWeek.Kind.STEP) {
                double max = 0;
                for (int t = incident.first(); t <= incident.last(); t++) {
                    max = Math.max(max, week.p95()[t]);
                }
                under += max <= FIXED_THRESHOLD_MS ? 1 : 0;
            }
        }
        return under;
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }
}
