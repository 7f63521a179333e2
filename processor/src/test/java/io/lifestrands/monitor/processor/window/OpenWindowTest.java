package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class OpenWindowTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final WindowKey KEY = new WindowKey(Resolution.MINUTE, T0, "host:web-1", "queue_size:chat");
    private static final WindowKey LATENCY = new WindowKey(Resolution.MINUTE, T0, "chat_service", "latency_ms");

    @Test
    void survivesEncodingBetweenObservations() {
        OpenWindow window = OpenWindow.empty();
        window.add(3.0, false, T0 + 1);

        OpenWindow restored = OpenWindow.decode(window.encode());
        restored.add(-1.5, true, T0 + 2);
        MetricWindow closed = OpenWindow.decode(restored.encode()).close(KEY);

        assertThat(closed.count()).isEqualTo(2);
        assertThat(closed.errors()).isEqualTo(1);
        assertThat(closed.sum()).isEqualTo(1.5);
        assertThat(closed.min()).isEqualTo(-1.5);
        assertThat(closed.max()).isEqualTo(3.0);
        assertThat(closed.last()).isEqualTo(-1.5);
        assertThat(closed.key()).isEqualTo("host:web-1/queue_size:chat/1m");
        assertThat(closed.windowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
        assertThat(SketchCodec.fromBase64(closed.sketch()).getCount()).isEqualTo(2.0);
    }

    @Test
    void encodingKeepsTheSamePercentilesBeforeAndAfterTheValuesAreSketched() {
        for (int values : new int[] {OpenWindow.RAW_LIMIT, OpenWindow.RAW_LIMIT + 1, 500}) {
            OpenWindow window = OpenWindow.empty();
            for (int i = 1; i <= values; i++) {
                window.add(Math.pow(i, 1.7), false, T0 + i);
            }

            MetricWindow direct = window.close(KEY);
            MetricWindow restored = OpenWindow.decode(window.encode()).close(KEY);

            assertThat(restored).isEqualTo(direct);
            assertThat(SketchCodec.fromBase64(restored.sketch()).getCount()).isEqualTo(values);
        }
    }

    @Test
    void lastIsTheValueWithTheLatestEventTimeNotTheLatestArrival() {
        OpenWindow window = OpenWindow.empty();
        window.add(7.0, false, T0 + 5_000);
        window.add(1.0, false, T0 + 1_000);

        assertThat(window.close(KEY).last()).isEqualTo(7.0);
    }

    @Test
    void mergeKeepsTheLatestLastAndAddsEverythingElse() {
        OpenWindow early = OpenWindow.empty();
        early.add(10.0, true, T0 + 1_000);
        OpenWindow late = OpenWindow.empty();
        late.add(2.0, false, T0 + 9_000);

        late.merge(early);
        MetricWindow merged = late.close(KEY);

        assertThat(merged.count()).isEqualTo(2);
        assertThat(merged.errors()).isEqualTo(1);
        assertThat(merged.sum()).isEqualTo(12.0);
        assertThat(merged.min()).isEqualTo(2.0);
        assertThat(merged.max()).isEqualTo(10.0);
        assertThat(merged.last()).isEqualTo(2.0);
    }

    @Test
    void eventsWithoutValuesCountButReportZeros() {
        OpenWindow day = OpenWindow.empty();
        day.addEvent(null, T0);
        day.addEvent(null, T0 + 1);

        MetricWindow closed = day.close(new WindowKey(Resolution.DAY, T0, "chat_service", "event:npc_created"));

        assertThat(closed.count()).isEqualTo(2);
        assertThat(closed.sum()).isZero();
        assertThat(closed.mean()).isZero();
        assertThat(closed.min()).isZero();
        assertThat(closed.p95()).isZero();
        assertThat(closed.last()).isNull();
        assertThat(closed.resolution()).isEqualTo("1d");
    }

    @Test
    void eventMeanIsOverTheEventsThatHaveAValue() {
        OpenWindow day = OpenWindow.empty();
        day.addEvent(100.0, T0);
        day.addEvent(null, T0 + 1);
        day.addEvent(300.0, T0 + 2);

        MetricWindow closed = day.close(new WindowKey(Resolution.DAY, T0, "chat_service",
                "event:conversation_ended"));

        assertThat(closed.count()).isEqualTo(3);
        assertThat(closed.mean()).isEqualTo(200.0);
    }

    @Test
    void percentilesOfHeavyTailedValuesWithinOnePercent() {
        Random random = new Random(42);
        double[] values = new double[10_000];
        OpenWindow window = OpenWindow.empty();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 1.5 + 3);
            window.add(values[i], false, T0 + i);
        }
        Arrays.sort(values);

        MetricWindow closed = window.close(KEY);

        assertThat(closed.p50()).isCloseTo(values[(int) (0.50 * (values.length - 1))], withinPercentage(1));
        assertThat(closed.p95()).isCloseTo(values[(int) (0.95 * (values.length - 1))], withinPercentage(1));
        assertThat(closed.p99()).isCloseTo(values[(int) (0.99 * (values.length - 1))], withinPercentage(1));
    }

    @Test
    void timeoutsAreCountedAmongTheErrorsAndSurviveEncodingAndMerging() {
        OpenWindow raw = OpenWindow.empty();
        raw.add(5000.0, true, true, T0 + 1);
        raw.add(3.0, true, false, T0 + 2);
        OpenWindow sketched = OpenWindow.empty();
        for (int i = 0; i < OpenWindow.RAW_LIMIT + 1; i++) {
            sketched.add(5000.0, true, i == 0, T0 + 10 + i);
        }

        OpenWindow merged = OpenWindow.decode(raw.encode());
        merged.merge(OpenWindow.decode(sketched.encode()));
        MetricWindow closed = OpenWindow.decode(merged.encode()).close(KEY);

        assertThat(raw.encode()[0]).isEqualTo((byte) 5);
        assertThat(sketched.encode()[0]).isEqualTo((byte) 4);
        assertThat(closed.count()).isEqualTo(OpenWindow.RAW_LIMIT + 3);
        assertThat(closed.errors()).isEqualTo(OpenWindow.RAW_LIMIT + 3);
        assertThat(closed.timeouts()).isEqualTo(2L);
    }

    @Test
    void aWindowWithoutTimeoutsKeepsTheEarlierEncodingAndReportsNoCount() {
        OpenWindow window = OpenWindow.empty();
        window.add(3.0, true, T0 + 1);

        assertThat(window.encode()[0]).isEqualTo((byte) 3);
        assertThat(OpenWindow.decode(window.encode()).close(KEY).timeouts()).isNull();
    }

    @Test
    void rejectsBytesThatAreNotAWindow() {
        assertThatThrownBy(() -> OpenWindow.decode(new byte[] {9, 9, 9}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysParseBackAndNeverCollideWithTheWatermark() {
        WindowKey key = new WindowKey(Resolution.FIVE_MINUTES, 999, "host:web-1", "queue_size:chat");

        assertThat(WindowKey.parse(key.encode())).isEqualTo(key);
        assertThatThrownBy(() -> WindowKey.parse(OpenWindowStore.CLOSED_THROUGH_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLegacyOpenWindowKeepsItsMappingTakesRawValuesAndRefusesAScaleSixSketch() {
        com.datadoghq.sketch.ddsketch.DDSketch legacy = SketchCodec.newSketch(SketchCodec.LEGACY_MAPPING);
        legacy.accept(10, 40);
        byte[] sketchBytes = SketchCodec.encode(legacy);
        byte[] stored = java.nio.ByteBuffer.allocate(1 + 3 * Long.BYTES + 4 * Double.BYTES + sketchBytes.length)
                .put((byte) 2).putLong(40).putLong(0).putDouble(400).putDouble(10).putDouble(10)
                .putLong(T0).putDouble(10).put(sketchBytes).array();
        OpenWindow hour = OpenWindow.decode(stored);
        OpenWindow fewRaw = OpenWindow.empty();
        fewRaw.add(20, false, T0 + 1);
        OpenWindow sketched = OpenWindow.empty();
        for (int i = 0; i <= OpenWindow.RAW_LIMIT; i++) {
            sketched.add(30, false, T0 + i);
        }

        hour.merge(fewRaw);
        MetricWindow before = hour.close(KEY);
        assertThatThrownBy(() -> hour.merge(OpenWindow.decode(sketched.encode())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different index mappings");

        assertThat(hour.close(KEY)).isEqualTo(before);
        assertThat(before.count()).isEqualTo(41);
        assertThat(SketchCodec.isLegacy(SketchCodec.fromBase64(before.sketch()))).isTrue();
        OpenWindow fresh = OpenWindow.empty();
        fresh.merge(OpenWindow.decode(stored));
        assertThat(SketchCodec.isLegacy(SketchCodec.fromBase64(fresh.close(KEY).sketch()))).isTrue();
    }

    @Test
    void aHistogramWindowKeepsItsUnitAndAccuracyThroughEncodingAndMerges() {
        OpenWindow window = OpenWindow.empty();
        window.add(1, false, T0);
        assertThatThrownBy(() -> window.addHistogram(histogram("s", 3), false, T0 + 1))
                .hasMessageContaining("unit (own), not s");
        OpenWindow coarse = OpenWindow.empty();
        coarse.addHistogram(histogram("s", 3), true, T0 + 2);

        OpenWindow restored = OpenWindow.decode(coarse.encode());
        OpenWindow hour = OpenWindow.empty();
        hour.merge(restored);
        MetricWindow closed = hour.close(KEY);

        assertThat(closed).isEqualTo(coarse.close(KEY));
        assertThat(closed.unit()).isEqualTo("s");
        assertThat(closed.relativeAccuracy()).isGreaterThan(SketchCodec.RELATIVE_ACCURACY);
        assertThat(closed.count()).isEqualTo(3);
        assertThat(closed.errors()).isEqualTo(3);
        assertThat(closed.last()).isEqualTo(0.5);
        assertThatThrownBy(() -> hour.merge(window)).hasMessageContaining("unit s, not (own)");
    }

    @Test
    void requestsInMillisecondsJoinASeriesThatHistogramsKeepInSeconds() {
        // a service that reports through OpenTelemetry (seconds) and pushes requests (milliseconds) too
        OpenWindow minute = OpenWindow.empty();
        minute.addHistogram(histogram("s", 6), false, T0, "latency_ms");
        minute.add(2500, true, false, T0 + 1, "latency_ms");

        MetricWindow closed = minute.close(LATENCY).inMetricUnit();

        assertThat(closed.count()).isEqualTo(4);
        assertThat(closed.errors()).isEqualTo(1);
        assertThat(closed.max()).isEqualTo(2500.0);
        assertThat(closed.last()).isEqualTo(2500.0);
        assertThat(closed.sum()).isCloseTo(1500 + 2500, withinPercentage(0.0001));
    }

    @Test
    void rawMillisecondsConvertToTheSecondsOfAHistogramThatArrivesLater() {
        OpenWindow pane = OpenWindow.empty();
        pane.add(20, false, false, T0, "latency_ms");
        pane.addHistogram(histogram("s", 6), false, T0 + 1, "latency_ms");
        OpenWindow raw = OpenWindow.empty();
        raw.add(900, false, false, T0 + 2, "latency_ms");
        OpenWindow live = OpenWindow.empty();
        live.merge(pane, "latency_ms");
        live.merge(raw, "latency_ms");

        MetricWindow closed = live.close(LATENCY);

        assertThat(closed.unit()).isEqualTo("s");
        assertThat(closed.count()).isEqualTo(5);
        assertThat(closed.min()).isEqualTo(0.02);
        assertThat(closed.max()).isEqualTo(0.9);
        assertThat(closed.inMetricUnit().max()).isEqualTo(900.0);
    }

    @Test
    void unitsThatDoNotConvertAndTwoSketchesOfDifferentUnitsAreStillRefused() {
        OpenWindow counts = OpenWindow.empty();
        counts.add(3, false, false, T0, "queue_depth");
        assertThatThrownBy(() -> counts.addHistogram(histogram("s", 6), false, T0 + 1, "queue_depth"))
                .hasMessageContaining("does not convert to the unit of queue_depth");

        OpenWindow sketched = OpenWindow.empty();
        for (int i = 0; i < 40; i++) {
            sketched.add(10 + i, false, false, T0 + i, "latency_ms");
        }
        assertThatThrownBy(() -> sketched.addHistogram(histogram("s", 6), false, T0 + 50, "latency_ms"))
                .hasMessageContaining("unit (own), not s");
        assertThat(sketched.count()).isEqualTo(40);
    }

    private static io.lifestrands.monitor.schema.Histogram histogram(String unit, int scale) {
        return new io.lifestrands.monitor.schema.Histogram("d", unit, scale, -8, java.util.List.of(1L, 0L, 2L),
                null, 0L, 3, 1.5, 0.2, 0.9);
    }
}
