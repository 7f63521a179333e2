package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.DoubleStream;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.window;
import static io.lifestrands.monitor.api.TestRecords.withUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class SummaryTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void percentilesComeFromTheMergedSketchNotFromAveragedPercentiles() {
        // 90 fast requests in one minute, 10 slow ones in the next: the true p50 is fast, the average of the
        // two windows' p50s would be about 1000 ms
        MetricWindow fast = window("gateway", "latency_ms", "1m", T0, MINUTE, 0,
                DoubleStream.generate(() -> 10).limit(90).toArray());
        MetricWindow slow = window("gateway", "latency_ms", "1m", T0.plus(MINUTE), MINUTE, 2,
                DoubleStream.generate(() -> 2000).limit(10).toArray());

        Summary summary = Summary.of(List.of(slow, fast));

        assertThat(summary.p50()).isCloseTo(10, withinPercentage(1));
        assertThat(summary.p95()).isCloseTo(2000, withinPercentage(1));
        assertThat(summary.p99()).isCloseTo(2000, withinPercentage(1));
        assertThat(summary.sketched()).isEqualTo(2);
    }

    @Test
    void windowsKeptInSecondsAreSummarisedInMilliseconds() {
        MetricWindow first = withUnit(window("gateway", "latency_ms", "1m", T0, MINUTE, 0, 0.010, 0.020), "s", null);
        MetricWindow second = withUnit(window("gateway", "latency_ms", "1m", T0.plus(MINUTE), MINUTE, 0, 0.030),
                "s", null);

        Summary summary = Summary.of(List.of(first, second));

        assertThat(summary.p50()).isCloseTo(20, withinPercentage(1));
        assertThat(summary.max()).isCloseTo(30, withinPercentage(1e-6));
        assertThat(summary.mean()).isCloseTo(20, withinPercentage(1e-6));
    }

    @Test
    void windowsInDifferentUnitsGiveNoPercentilesRatherThanWrongOnes() {
        MetricWindow seconds = withUnit(window("gateway", "latency_ms", "1m", T0, MINUTE, 0, 0.010), "s", null);
        MetricWindow millis = window("gateway", "latency_ms", "1m", T0.plus(MINUTE), MINUTE, 0, 30);

        Summary summary = Summary.of(List.of(seconds, millis));

        assertThat(summary.p50()).isNull();
        assertThat(summary.max()).isCloseTo(30, withinPercentage(1e-6));
    }

    @Test
    void countsAddAndExtremesSpanTheRange() {
        MetricWindow first = window("gateway", "latency_ms", "1m", T0, MINUTE, 1, 10, 20, 30);
        MetricWindow second = window("gateway", "latency_ms", "1m", T0.plus(MINUTE), MINUTE, 0, 5, 100);

        Summary summary = Summary.of(List.of(first, second));

        assertThat(summary.windows()).isEqualTo(2);
        assertThat(summary.count()).isEqualTo(5);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.sum()).isEqualTo(165);
        assertThat(summary.min()).isEqualTo(5);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(summary.mean()).isEqualTo(33);
        assertThat(summary.errorRate()).isEqualTo(0.2);
        assertThat(summary.start()).isEqualTo(T0);
        assertThat(summary.end()).isEqualTo(T0.plus(MINUTE.multipliedBy(2)));
    }

    @Test
    void emptyWindowsLeaveStatisticsAbsent() {
        MetricWindow empty = window("gateway", "latency_ms", "1m", T0, MINUTE, 0);

        Summary summary = Summary.of(List.of(empty));

        assertThat(summary.count()).isZero();
        assertThat(summary.min()).isNull();
        assertThat(summary.mean()).isNull();
        assertThat(summary.p50()).isNull();
    }

    @Test
    void windowWithAnUnreadableSketchStillCountsButAddsNoPercentiles() {
        MetricWindow good = window("gateway", "latency_ms", "1m", T0, MINUTE, 0, 10);
        MetricWindow bad = withSketch(window("gateway", "latency_ms", "1m", T0.plus(MINUTE), MINUTE, 0, 5000),
                "bm90IGEgc2tldGNo");

        Summary summary = Summary.of(List.of(good, bad));

        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.sketched()).isEqualTo(1);
        assertThat(summary.p99()).isCloseTo(10, withinPercentage(1));
    }

    private static MetricWindow withSketch(MetricWindow w, String sketch) {
        return new MetricWindow(w.v(), w.service(), w.metric(), w.resolution(), w.windowStart(), w.windowEnd(),
                w.count(), w.errors(), w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(), w.ratePerMin(),
                w.errorRate(), sketch, w.last());
    }
}
