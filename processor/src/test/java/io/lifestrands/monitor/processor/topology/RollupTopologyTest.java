package io.lifestrands.monitor.processor.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** 5m and 1h windows are merges of the closed 1m windows, each emitted once at its end plus grace. */
class RollupTopologyTest extends TopologyTestSupport {


    @Test
    void emitsEveryResolutionExactlyOnceAtEndPlusGrace() {
        for (int second = 0; second < 600; second += 6) {
            pipeAtWallClock(probe("gateway", T0.plusSeconds(second), true, (double) second));
            if (second == 300) {
                fixture.wallClockAt(Duration.ofSeconds(5 * 60 + 9));
                assertThat(fixture.windows("5m")).isEmpty();
                fixture.wallClockAt(Duration.ofSeconds(5 * 60 + 10));
                assertThat(fixture.windows("5m")).hasSize(1);
            }
        }
        fixture.wallClockAt(Duration.ofSeconds(60 * 60 + 9));
        assertThat(fixture.windows("1h")).isEmpty();
        fixture.wallClockAt(Duration.ofHours(3));

        List<MetricWindow> minutes = fixture.windows("1m");
        List<MetricWindow> fives = fixture.windows("5m");
        List<MetricWindow> hours = fixture.windows("1h");
        assertThat(minutes).hasSize(10).extracting(MetricWindow::count).containsOnly(10L);
        assertThat(minutes).extracting(MetricWindow::windowStart).doesNotHaveDuplicates();
        assertThat(fives).extracting(MetricWindow::windowStart)
                .containsExactly(T0, T0.plus(Duration.ofMinutes(5)));
        assertThat(fives).extracting(MetricWindow::count).containsExactly(50L, 50L);
        assertThat(fives.get(0).sum()).isEqualTo(sumOfSeconds(0, 300));
        assertThat(fives.get(1).min()).isEqualTo(300.0);
        assertThat(fives.get(1).max()).isEqualTo(594.0);
        assertThat(fives.get(1).last()).isEqualTo(594.0);
        assertThat(fives.get(0).ratePerMin()).isEqualTo(10.0);
        assertThat(hours).singleElement().satisfies(hour -> {
            assertThat(hour.windowStart()).isEqualTo(T0);
            assertThat(hour.windowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(hour.count()).isEqualTo(100);
            assertThat(hour.sum()).isEqualTo(sumOfSeconds(0, 600));
            assertThat(hour.last()).isEqualTo(594.0);
        });
    }

    @Test
    void rollUpPercentilesEqualThoseOfTheSameDataSketchedDirectly() {
        Random random = new Random(7);
        DDSketch direct = SketchCodec.newSketch();
        for (int i = 0; i < 3000; i++) {
            double latency = Math.exp(random.nextGaussian() * 1.2 + 4);
            direct.accept(latency);
            pipeAtWallClock(probe("chat_service", T0.plusMillis(i * 100L), true, latency));
        }

        fixture.wallClockAt(Duration.ofHours(2));

        MetricWindow five = fixture.windows("5m").get(0);
        MetricWindow hour = fixture.windows("1h").get(0);
        for (MetricWindow rollUp : List.of(five, hour)) {
            assertThat(rollUp.count()).isEqualTo(3000);
            assertThat(rollUp.p50()).isCloseTo(direct.getValueAtQuantile(0.50), offset(1e-9));
            assertThat(rollUp.p95()).isCloseTo(direct.getValueAtQuantile(0.95), offset(1e-9));
            assertThat(rollUp.p99()).isCloseTo(direct.getValueAtQuantile(0.99), offset(1e-9));
            assertThat(SketchCodec.fromBase64(rollUp.sketch()).getCount()).isEqualTo(direct.getCount());
        }
    }

    /**
     * The wall clock moves to the sample's whole second, then the sample arrives: samples within one second share a
     * punctuation round and a commit of the driver, as they would share a poll.
     */
    private void pipeAtWallClock(Sample sample) {
        fixture.wallClockAt(Duration.between(T0, sample.ts()).truncatedTo(ChronoUnit.SECONDS));
        fixture.pipe(sample);
    }

    private static double sumOfSeconds(int from, int to) {
        double sum = 0;
        for (int second = from; second < to; second += 6) {
            sum += second;
        }
        return sum;
    }

}
