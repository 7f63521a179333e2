package io.lifestrands.monitor.processor.anomaly;

import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Statistic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Timelines of one series, one closed 1m window a minute, in; episode transitions out. */
class AnomalyDetectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AnomalySeries P95 = series(Statistic.P95, AnomalyDirection.UP, 20);
    private static final AnomalySeries THROUGHPUT = series(Statistic.RATE_PER_MIN, AnomalyDirection.DOWN, 5);

    private final AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults());
    private final Random random = new Random(7);
    private SeriesState state;
    private int minute;

    @Test
    void aSingleSpikeRaisesNothing() {
        normal(P95, 100, 60);

        List<AnomalyEpisode> out = feed(P95, 800);
        out.addAll(normal(P95, 100, 30));

        assertThat(out).isEmpty();
    }

    @Test
    void aSpikeAfterTwoNoisyWindowsRaisesNothing() {             // BENCHMARKS.md Q1, seed 42, series 11, minute 380
        normal(P95, 100, 60);

        List<AnomalyEpisode> out = feed(P95, 150, 153, 510);
        out.addAll(normal(P95, 100, 30));

        assertThat(out).isEmpty();
    }

    @Test
    void aStepWhoseWindowsWobbleStillOpensAtItsThirdWindow() {
        normal(P95, 100, 60);

        List<AnomalyEpisode> out = feed(P95, 160, 150, 300);

        assertThat(out).extracting(AnomalyEpisode::state).containsExactly(AnomalyState.OPEN);
    }

    @Test
    void aStepWithASpikeInItsFirstWindowsOpensOnceTheSpikeHasLeftTheRun() {
        normal(P95, 100, 60);

        List<AnomalyEpisode> withTheSpike = feed(P95, 150, 155, 600, 200, 210);
        List<AnomalyEpisode> after = feed(P95, 205);

        assertThat(withTheSpike).isEmpty();
        assertThat(after).extracting(AnomalyEpisode::state).containsExactly(AnomalyState.OPEN);
    }

    @Test
    void aDoubledStepOpensAnEpisodeAtItsThirdWindow() {
        normal(P95, 100, 60);
        Instant stepStart = at(minute);

        List<AnomalyEpisode> first = feed(P95, 200, 200);
        List<AnomalyEpisode> third = feed(P95, 200);

        assertThat(first).isEmpty();
        assertThat(third).singleElement().satisfies(episode -> {
            assertThat(episode.state()).isEqualTo(AnomalyState.OPEN);
            assertThat(episode.start()).isEqualTo(stepStart);
            assertThat(episode.end()).isNull();
            assertThat(episode.observed()).isEqualTo(200);
            assertThat(episode.baseline()).isCloseTo(100, within(5.0));
            assertThat(episode.score()).isGreaterThan(AnomalySettings.DEFAULT_THRESHOLD);
            assertThat(episode.direction()).isEqualTo(AnomalyDirection.UP);
            assertThat(episode.key()).isEqualTo("gateway|latency_ms|p95");
        });
    }

    @Test
    void theEpisodeClosesAfterFiveNormalWindowsAndEndsWithTheLastAnomalousOne() {
        normal(P95, 100, 60);
        Instant stepStart = at(minute);
        List<AnomalyEpisode> out = feed(P95, 200, 200, 220, 260, 200);
        Instant lastAnomalousEnd = at(minute);

        out.addAll(normal(P95, 100, 4));
        List<AnomalyEpisode> fifth = normal(P95, 100, 1);

        assertThat(out).extracting(AnomalyEpisode::state).containsExactly(AnomalyState.OPEN);
        assertThat(fifth).singleElement().satisfies(episode -> {
            assertThat(episode.state()).isEqualTo(AnomalyState.CLOSED);
            assertThat(episode.start()).isEqualTo(stepStart);
            assertThat(episode.end()).isEqualTo(lastAnomalousEnd);
            assertThat(episode.observed()).as("the most anomalous value").isEqualTo(260);
        });
    }

    @Test
    void aTinySeriesWithSmallAbsoluteChangesRaisesNothing() {
        normal(P95, 2, 60);

        List<AnomalyEpisode> out = feed(P95, 4, 5, 4, 6, 4, 5, 4, 4, 5, 4);

        assertThat(out).as("2 ms to 4-6 ms is under the 20 ms minimum change").isEmpty();
    }

    @Test
    void throughputGoingUpRaisesNothingButAHalvingDoes() {
        normal(THROUGHPUT, 600, 60);
        List<AnomalyEpisode> up = feed(THROUGHPUT, 1200, 1250, 1180, 1220, 1300);
        normal(THROUGHPUT, 600, 60);

        List<AnomalyEpisode> down = feed(THROUGHPUT, 280, 300, 290);

        assertThat(up).isEmpty();
        assertThat(down).singleElement().satisfies(episode -> {
            assertThat(episode.direction()).isEqualTo(AnomalyDirection.DOWN);
            assertThat(episode.score()).isLessThan(-AnomalySettings.DEFAULT_THRESHOLD);
        });
    }

    @Test
    void aFlatSeriesIsJudgedAgainstTheMadFloorNotAZeroMad() {
        for (int i = 0; i < 60; i++) {
            feed(P95, 500);
        }

        List<AnomalyEpisode> wobble = feed(P95, 520, 530, 525, 540, 520);
        List<AnomalyEpisode> step = feed(P95, 1000, 1000, 1000);

        assertThat(wobble).isEmpty();
        assertThat(step).singleElement().extracting(AnomalyEpisode::score)
                .isEqualTo(Baseline.MAD_PER_SIGMA * 500 / (AnomalySettings.DEFAULT_MAD_FLOOR * 500));
    }

    @Test
    void anErrorRateRisingFromZeroRaisesAnEpisodeDespiteAZeroMedian() {
        AnomalySeries errors = series(Statistic.ERROR_RATE, AnomalyDirection.UP, 0.05);
        for (int i = 0; i < 60; i++) {
            feed(errors, 0);
        }

        List<AnomalyEpisode> small = feed(errors, 0.02, 0.03, 0.02);
        List<AnomalyEpisode> large = feed(errors, 0.25, 0.3, 0.25);

        assertThat(small).isEmpty();
        assertThat(large).singleElement().extracting(AnomalyEpisode::state).isEqualTo(AnomalyState.OPEN);
    }

    @Test
    void givesNoVerdictDuringTheWarmUp() {
        normal(P95, 100, AnomalySettings.DEFAULT_WARM_UP - 3);

        List<AnomalyEpisode> out = feed(P95, 900, 900, 900);

        assertThat(out).isEmpty();
    }

    @Test
    void aGapLongerThanTheHistoryClosesTheEpisodeAndStartsOver() {
        normal(P95, 100, 60);
        feed(P95, 300, 300, 300);
        Instant lastEnd = at(minute);
        minute += AnomalySettings.DEFAULT_HISTORY;

        List<AnomalyEpisode> out = feed(P95, 300);
        out.addAll(normal(P95, 300, AnomalySettings.DEFAULT_WARM_UP));

        assertThat(out).singleElement().satisfies(episode -> {
            assertThat(episode.state()).isEqualTo(AnomalyState.CLOSED);
            assertThat(episode.end()).isEqualTo(lastEnd);
        });
        assertThat(state.size()).isEqualTo(AnomalySettings.DEFAULT_WARM_UP + 1);
    }

    @Test
    void aWindowNotAfterTheLatestChangesNothing() {
        normal(P95, 100, 40);
        SeriesState before = state;

        Verdict replayed = detector.observe(state, P95, 900, at(minute - 2), at(minute - 1));

        assertThat(replayed.state()).isSameAs(before);
        assertThat(replayed.transition()).isEmpty();
    }

    @Test
    void theStateOfTheLargestSettingsWithAnOpenEpisodeStaysUnderFourKilobytes() {
        AnomalyDetector largest = new AnomalyDetector(new AnomalySettings(AnomalySettings.MAX_HISTORY,
                AnomalySettings.MAX_HISTORY, 3.5, 3, AnomalySettings.MAX_PERSISTENCE_WINDOW, 0.5, 0.05, 5));
        SeriesState full = null;
        for (int i = 0; i < AnomalySettings.MAX_HISTORY + 10; i++) {
            full = largest.observe(full, P95, i < AnomalySettings.MAX_HISTORY ? 100 + i % 7 : 1000, at(i),
                    at(i + 1)).state();
        }

        byte[] encoded = full.encode();

        assertThat(full.episode()).isPresent();
        assertThat(encoded.length).isLessThanOrEqualTo(4096);
        assertThat(SeriesState.decode(encoded)).isEqualTo(full);
    }

    @Test
    void theStateOfTheDefaultsIsAboutSixHundredBytes() {
        normal(P95, 100, 100);
        feed(P95, 400, 400, 400);

        assertThat(state.encode().length).isBetween(500, 700);
        assertThat(SeriesState.decode(state.encode())).isEqualTo(state);
    }

    private static AnomalySeries series(Statistic statistic, AnomalyDirection direction, double minChange) {
        return new AnomalySeries("gateway", new Signal("latency_ms", statistic, direction, minChange), "1m");
    }

    /** {@code count} windows around {@code level}: lognormal noise of about 5 %. */
    private List<AnomalyEpisode> normal(AnomalySeries series, double level, int count) {
        List<AnomalyEpisode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.addAll(feed(series, level * Math.exp(0.05 * random.nextGaussian())));
        }
        return out;
    }

    /** One window per value, a minute each, from where the last one ended. */
    private List<AnomalyEpisode> feed(AnomalySeries series, double... values) {
        List<AnomalyEpisode> out = new ArrayList<>();
        for (double value : values) {
            Verdict verdict = detector.observe(state, series, value, at(minute), at(minute + 1));
            state = verdict.state();
            verdict.transition().ifPresent(out::add);
            minute++;
        }
        return out;
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }
}
