package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.anomaly.AnomalySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short form of Q1 (BENCHMARKS.md): ten synthetic weeks, seeded, through the production detector and the two
 * baselines; asserts the targets and the comparison, never a timing.
 */
class AnomalyDetectionTest {

    private static Map<String, Object> figures;

    @BeforeAll
    static void runTenSeriesWeeks() {
        figures = AnomalyDetection.run(10, 42, AnomalySettings.defaults()).figures();
    }

    @Test
    void theDetectorMeetsTheTargets() {
        Map<String, Object> ours = detector("ours");

        assertThat(number(ours, "false_per_series_week")).isLessThanOrEqualTo(1.0);
        assertThat(number(ours, "steps")).isGreaterThan(50);
        assertThat(number(ours, "steps_within_3m_pct")).isGreaterThanOrEqualTo(99.0);
        assertThat(number(ours, "spikes")).isGreaterThan(50);
        assertThat(number(ours, "spikes_raising_an_episode")).isZero();
        assertThat(number(figures, "state_bytes_max")).isPositive().isLessThanOrEqualTo(4096);
    }

    @Test
    void aFixedThresholdMissesTheStepsUnderItAndAZScoreRaisesSpikesAndNoise() {
        Map<String, Object> ours = detector("ours");
        Map<String, Object> fixed = detector("fixed_threshold_2000ms");
        Map<String, Object> zScore = detector("z_score_3");

        assertThat(number(figures, "steps_under_fixed_threshold")).isPositive();
        assertThat(number(fixed, "steps_detected_pct")).isLessThan(number(ours, "steps_detected_pct"));
        assertThat(number(zScore, "false_per_series_week")).isGreaterThan(10 * Math.max(0.1,
                number(ours, "false_per_series_week")));
        assertThat(number(zScore, "spikes_raising_an_episode")).isGreaterThan(number(zScore, "spikes") / 2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detector(String name) {
        return (Map<String, Object>) figures.get(name);
    }

    private static double number(Map<String, Object> of, String key) {
        return ((Number) of.get(key)).doubleValue();
    }
}
