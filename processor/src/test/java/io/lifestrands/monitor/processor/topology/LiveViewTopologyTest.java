package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * live1m and live5m are merges of 10 s panes, sent at most once per series per live interval while they change: at
 * once when the series was not sent within the interval, else once more when the interval has passed.
 */
class LiveViewTopologyTest extends TopologyTestSupport {

    @Test
    void liveViewsHoldExactlyTheSamplesOfTheirPanes() {
        for (int second = 0; second < 240; second += 2) {
            pipeAtWallClock(probe("gateway", T0.plusSeconds(second), true, (double) second));
        }

        fixture.wallClockAt(Duration.ofSeconds(245));

        MetricWindow live1m = fixture.latest("live1m").get("gateway/probe_latency_ms/live1m");
        MetricWindow live5m = fixture.latest("live5m").get("gateway/probe_latency_ms/live5m");
        assertThat(Duration.between(live1m.windowStart(), live1m.windowEnd())).isEqualTo(Duration.ofMinutes(1));
        assertThat(live1m.count()).isEqualTo(samplesBetween(live1m.windowStart(), live1m.windowEnd()));
        assertThat(live1m.sum()).isEqualTo(sumBetween(live1m.windowStart(), live1m.windowEnd()));
        assertThat(live1m.max()).isEqualTo(238.0);
        assertThat(live1m.last()).isEqualTo(238.0);
        assertThat(live5m.count()).isEqualTo(120);
        assertThat(live5m.min()).isEqualTo(0.0);
        assertThat(live5m.ratePerMin()).isEqualTo(24.0);
    }

    @Test
    void sendsEveryLiveIntervalWhileSamplesArrive() {
        for (int second = 30; second < 90; second++) {
            pipeAtWallClock(probe("gateway", T0.plusSeconds(second), true, 1.0));
        }

        List<Long> sentAt = fixture.received().stream().filter(r -> r.value().resolution().equals("live1m"))
                .map(TestRecord::timestamp).toList();

        assertThat(sentAt).hasSizeGreaterThanOrEqualTo(59);
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).isEqualTo(ProcessorSettings.DEFAULT_LIVE_INTERVAL.toMillis());
        }
    }

    @Test
    void firstChangeIsSentAtOnceAndABurstOnceMoreWithTheLatestFiguresAtTheInterval() {
        fixture.wallClockAt(Duration.ofSeconds(1));
        long firstMs = 30_450;
        fixture.wallClockAt(Duration.ofMillis(firstMs));
        fixture.pipe(probe("gateway", T0.plusMillis(firstMs), true, 5.0));

        // the wall clock has not moved since the sample, so no punctuation can have sent these
        assertThat(fixture.windows("live1m")).extracting(MetricWindow::count).containsExactly(1L);
        assertThat(fixture.windows("live5m")).extracting(MetricWindow::count).containsExactly(1L);

        for (int i = 1; i <= 4; i++) {
            long atMs = firstMs + 200L * i;
            fixture.wallClockAt(Duration.ofMillis(atMs));
            fixture.pipe(probe("gateway", T0.plusMillis(atMs), true, 10.0 * i));
        }
        assertThat(fixture.windows("live1m")).hasSize(1);
        assertThat(fixture.windows("live5m")).hasSize(1);

        long interval = ProcessorSettings.DEFAULT_LIVE_INTERVAL.toMillis();
        fixture.wallClockAt(Duration.ofMillis(firstMs + interval));
        for (String view : List.of("live1m", "live5m")) {
            List<TestRecord<String, MetricWindow>> sent = fixture.received().stream()
                    .filter(r -> r.value().resolution().equals(view)).toList();
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1).timestamp() - sent.get(0).timestamp()).isEqualTo(interval);
            assertThat(sent.get(1).value().count()).isEqualTo(5);
            assertThat(sent.get(1).value().last()).isEqualTo(40.0);
        }

        // nothing changes (and no pane leaves the 1m range before second 90): nothing more is sent
        fixture.wallClockAt(Duration.ofSeconds(45));
        assertThat(fixture.windows("live1m")).hasSize(2);
        assertThat(fixture.windows("live5m")).hasSize(2);
    }

    @Test
    void countsEverySeriesAsSentAtTheStart() {
        // the first punctuation is the first time the processor sees the clock: its start
        fixture.wallClockAt(Duration.ofMillis(100));
        fixture.wallClockAt(Duration.ofMillis(500));
        fixture.pipe(probe("gateway", T0.plusMillis(500), true, 5.0));
        assertThat(fixture.windows("live1m")).isEmpty();

        fixture.wallClockAt(Duration.ofMillis(100).plus(ProcessorSettings.DEFAULT_LIVE_INTERVAL));
        assertThat(fixture.windows("live1m")).extracting(MetricWindow::count).containsExactly(1L);
    }

    @Test
    void sendsAgainOnlyWhenAPaneLeavesTheRange() {
        pipeAtWallClock(probe("gateway", T0.plusSeconds(60), true, 7.0));
        fixture.wallClockAt(Duration.ofSeconds(66));
        assertThat(fixture.windows("live1m")).extracting(MetricWindow::count).containsExactly(1L);

        fixture.wallClockAt(Duration.ofSeconds(110));
        assertThat(fixture.windows("live1m")).hasSize(1);
        fixture.wallClockAt(Duration.ofMinutes(4));
        fixture.wallClockAt(Duration.ofMinutes(10));

        assertThat(fixture.windows("live1m")).extracting(MetricWindow::count).containsExactly(1L, 0L);
        assertThat(fixture.windows("live5m")).extracting(MetricWindow::count).containsExactly(1L, 0L);
    }

    private void pipeAtWallClock(Sample sample) {
        fixture.wallClockAt(Duration.between(T0, sample.ts()));
        fixture.pipe(sample);
    }

    private static long samplesBetween(Instant from, Instant to) {
        return evenSecondsBetween(from, to).count();
    }

    private static double sumBetween(Instant from, Instant to) {
        return evenSecondsBetween(from, to).sum();
    }

    private static java.util.stream.LongStream evenSecondsBetween(Instant from, Instant to) {
        return java.util.stream.LongStream.range(0, 240).filter(s -> s % 2 == 0)
                .filter(s -> !T0.plusSeconds(s).isBefore(from) && T0.plusSeconds(s).isBefore(to));
    }
}
