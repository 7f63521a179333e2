package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class OpenWindowTest {

    private static final WindowKey KEY = new WindowKey(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(),
            "host:web-1", "queue_size:chat");

    @Test
    void survivesEncodingBetweenObservations() {
        OpenWindow window = OpenWindow.empty();
        window.add(3.0, false);

        OpenWindow restored = OpenWindow.decode(window.encode());
        restored.add(-1.5, true);
        MetricWindow closed = OpenWindow.decode(restored.encode()).close(KEY, Duration.ofMinutes(1), "1m");

        assertThat(closed.count()).isEqualTo(2);
        assertThat(closed.errors()).isEqualTo(1);
        assertThat(closed.sum()).isEqualTo(1.5);
        assertThat(closed.min()).isEqualTo(-1.5);
        assertThat(closed.max()).isEqualTo(3.0);
        assertThat(closed.key()).isEqualTo("host:web-1/queue_size:chat/1m");
        assertThat(SketchCodec.fromBase64(closed.sketch()).getCount()).isEqualTo(2.0);
    }

    @Test
    void percentilesOfHeavyTailedValuesWithinOnePercent() {
        Random random = new Random(42);
        double[] values = new double[10_000];
        OpenWindow window = OpenWindow.empty();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 1.5 + 3);
            window.add(values[i], false);
        }
        Arrays.sort(values);

        MetricWindow closed = window.close(KEY, Duration.ofMinutes(1), "1m");

        assertThat(closed.p50()).isCloseTo(values[(int) (0.50 * (values.length - 1))], withinPercentage(1));
        assertThat(closed.p95()).isCloseTo(values[(int) (0.95 * (values.length - 1))], withinPercentage(1));
        assertThat(closed.p99()).isCloseTo(values[(int) (0.99 * (values.length - 1))], withinPercentage(1));
    }

    @Test
    void rejectsBytesThatAreNotAWindow() {
        assertThatThrownBy(() -> OpenWindow.decode(new byte[] {9, 9, 9}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysSortByWindowStartAndParseBack() {
        String early = new WindowKey(999, "gateway", "latency_ms").encode();
        String late = new WindowKey(1000, "a", "b").encode();

        assertThat(early).isLessThan(late).isLessThan(WindowProcessor.CLOSED_THROUGH_KEY);
        assertThat(early).isLessThan(WindowKey.upperBoundForStartsThrough(999));
        assertThat(late).isGreaterThan(WindowKey.upperBoundForStartsThrough(999));
        assertThat(WindowKey.parse(early)).isEqualTo(new WindowKey(999, "gateway", "latency_ms"));
    }
}
