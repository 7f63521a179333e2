package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.BacktestEpisode;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.T0;
import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A replay over what the production topology recorded on its topics announces exactly the alert events the
 * topology announced live, its wall clock moving with event time.
 */
class ReplayTest {

    private static final Duration TICK = ProcessorSettings.DEFAULT_PUNCTUATION_INTERVAL;

    @TempDir
    Path stateDir;

    @Test
    void replayOfRecordedStatusChangesAnnouncesTheLiveEvents() {
        AlertRule down = rule("replay_down", "up", Statistic.LAST, Comparison.LT, 1, Duration.ofSeconds(10));
        try (AlertTopologyFixture fixture = new AlertTopologyFixture(stateDir, Duration.ZERO)) {
            fixture.withRules(List.of(down));
            TestOutputTopic<String, StatusChange> status = fixture.driver.createOutputTopic(Topics.STATUS.name(),
                    Topics.STATUS.keySerde().deserializer(), Topics.STATUS.valueSerde().deserializer());
            // down long enough to fire, up, down too briefly to fire, up
            List.of(2, 40, 60, 65).forEach(second -> feed(fixture, probe("gateway", T0.plusSeconds(second),
                    second != 2 && second != 60, Map.of())));
            fixture.wallClockAt(Duration.ofSeconds(80));
            List<AlertEvent> live = eventsOf(fixture, down);

            Replay replay = new Replay(down, T0, T0.plusSeconds(80), TICK);
            status.readRecordsToList().forEach(r -> replay.offer(r.value(), Instant.ofEpochMilli(r.timestamp())));
            Replay.Outcome outcome = replay.run();

            assertThat(live).extracting(AlertEvent::state).containsExactly(AlertState.PENDING, AlertState.FIRING,
                    AlertState.RESOLVED, AlertState.PENDING, AlertState.PENDING);
            assertThat(outcome.events()).isEqualTo(live);
            assertThat(outcome.episodes()).isEqualTo(withPeaks(Replay.episodesOf(live), 0.0, 0.0));
            assertThat(outcome.episodes()).extracting(BacktestEpisode::fired, BacktestEpisode::endsAt)
                    .containsExactly(tuple(true, T0.plusSeconds(40)), tuple(false, T0.plusSeconds(65)));
            assertThat(outcome.inputs()).containsEntry(Replay.STATUS_CHANGES, 4L);
        }
    }

    @Test
    void replayOfRecordedLiveViewsAnnouncesTheLiveEvents() {
        AlertRule deep = rule("replay_queue_deep", "queue_depth", Statistic.LAST, Comparison.GT, 100,
                Duration.ofSeconds(3));
        try (AlertTopologyFixture fixture = new AlertTopologyFixture(stateDir, Duration.ZERO,
                UnaryOperator.identity())) {
            fixture.withRules(List.of(deep));
            TestOutputTopic<String, MetricWindow> metrics = fixture.driver.createOutputTopic(Topics.METRICS.name(),
                    Topics.METRICS.keySerde().deserializer(), Topics.METRICS.valueSerde().deserializer());
            // deep long enough to fire, shallow, deep too briefly to fire, shallow, deep until the end
            for (int second = 2; second < 45; second++) {
                double depth = second < 15 || second >= 25 && second < 27 || second >= 32 ? 500 + second : 5;
                feed(fixture, probe("gateway", T0.plusSeconds(second), true, Map.of())
                        .with(Map.of("queue_depth", depth), Map.of()));
            }
            fixture.wallClockAt(Duration.ofSeconds(50));
            List<AlertEvent> live = eventsOf(fixture, deep);

            Replay replay = new Replay(deep, T0, T0.plusSeconds(50), TICK);
            List<TestRecord<String, MetricWindow>> windows = metrics.readRecordsToList();
            windows.stream().filter(r -> replay.mayConcernWindow(r.key()))
                    .forEach(r -> replay.offer(r.value(), Instant.ofEpochMilli(r.timestamp())));
            Replay.Outcome outcome = replay.run();

            assertThat(Replay.episodesOf(live)).extracting(BacktestEpisode::fired, e -> e.endsAt() != null)
                    .containsExactly(tuple(true, true), tuple(false, true), tuple(true, false));
            assertThat(outcome.events()).isEqualTo(live);
            assertThat(windows).anyMatch(r -> !replay.mayConcernWindow(r.key()));
            assertThat(outcome.episodes()).extracting(BacktestEpisode::peakValue).containsExactly(514.0, 526.0,
                    544.0);
        }
    }

    @Test
    void episodesOutsideTheRangeAreLeftOutAndOnesOverlappingItKept() {
        AlertRule down = rule("replay_down", "up", Statistic.LAST, Comparison.LT, 1, Duration.ZERO);
        Replay replay = new Replay(down, T0.plusSeconds(30), T0.plusSeconds(60), TICK);
        List.of(change(0, false), change(10, true), change(25, false), change(35, true), change(50, false))
                .forEach(c -> replay.offer(c, c.ts()));

        Replay.Outcome outcome = replay.run();

        assertThat(outcome.episodes()).extracting(BacktestEpisode::startsAt, BacktestEpisode::endsAt)
                .containsExactly(tuple(T0.plusSeconds(25), T0.plusSeconds(35)), tuple(T0.plusSeconds(50), null));
        assertThat(replay.start()).isEqualTo(T0.minusSeconds(30));
    }

    private static StatusChange change(int second, boolean up) {
        return new StatusChange(null, "gateway", ServiceStatus.UNKNOWN,
                up ? ServiceStatus.UP : ServiceStatus.DOWN,
                T0.plusSeconds(second), "collector-1", null, null);
    }

    /** Live, a sample arrives when the wall clock reaches its time. */
    private static void feed(AlertTopologyFixture fixture, Sample sample) {
        fixture.wallClockAt(Duration.between(T0, sample.ts()));
        fixture.pipe(sample);
    }

    private static List<AlertEvent> eventsOf(AlertTopologyFixture fixture, AlertRule rule) {
        return fixture.alerts.readValuesToList().stream().filter(e -> e.rule().equals(rule.name())).toList();
    }

    private static List<BacktestEpisode> withPeaks(List<BacktestEpisode> episodes, Double... peaks) {
        return IntStream.range(0, episodes.size()).mapToObj(i -> {
            BacktestEpisode e = episodes.get(i);
            return new BacktestEpisode(e.id(), e.fingerprint(), e.rule(), e.service(), e.severity(), e.labels(),
                    e.startsAt(), e.fired(), e.endsAt(), peaks[i]);
        }).toList();
    }

    private static AlertRule rule(String name, String metric, Statistic statistic, Comparison comparison,
                                  double threshold, Duration forDuration) {
        return new AlertRule(null, name, Severity.CRITICAL, "gateway", metric, statistic, Duration.ofMinutes(1),
                comparison, threshold, forDuration, Duration.ZERO, "{service}: {value}", Map.of(), null, 0, null,
                null);
    }
}
