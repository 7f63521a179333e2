package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.window.WindowProcessor;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.header;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class WindowTopologyTest extends TopologyTestSupport {


    private List<TestRecord<String, MetricWindow>> finalMinutes() {
        return fixture.received().stream().filter(r -> r.value().resolution().equals("1m")).toList();
    }

    @Test
    void timeoutsAreCountedApartFromTheOtherErrorsInEveryResolution() {
        fixture.pipe(Sample.probe("collector-1", "gateway", T0.plusSeconds(1), false, 5000.0, null,
                "timeout: no complete answer within 5000 ms"));
        fixture.pipe(Sample.probe("collector-1", "gateway", T0.plusSeconds(2), false, 0.4, null,
                "connection refused"));
        fixture.pipe(Sample.probe("collector-1", "gateway", T0.plusSeconds(3), true, 20.0, 500, null));
        fixture.pipe(Sample.probe("collector-1", "gateway", T0.plusSeconds(4), true, 20.0, 200, null));

        fixture.wallClockAt(Duration.ofSeconds(10));
        MetricWindow live = fixture.latest("live1m").get("gateway/probe_latency_ms/live1m");
        fixture.wallClockAt(Duration.ofMinutes(6));

        assertThat(live.errors()).isEqualTo(3);
        assertThat(live.timeouts()).isEqualTo(1L);
        for (String resolution : List.of("1m", "5m")) {
            MetricWindow window = fixture.latest(resolution).get("gateway/probe_latency_ms/" + resolution);
            assertThat(window.errors()).as(resolution).isEqualTo(3);
            assertThat(window.timeouts()).as(resolution).isEqualTo(1L);
        }
    }

    @Test
    void probeLatencyIsItsOwnSeriesAndTrafficStaysLatencyMs() {
        fixture.pipe(probe("gateway", T0.plusSeconds(1), true, 40.0));
        fixture.pipe(probe("gateway", T0.plusSeconds(2), false, 60.0));
        fixture.pipe(request("gateway", T0.plusSeconds(3), true, 700.0));

        fixture.wallClockAt(Duration.ofSeconds(70));

        Map<String, MetricWindow> windows = fixture.latest("1m");
        assertThat(windows).containsOnlyKeys("gateway/latency_ms/1m", "gateway/probe_latency_ms/1m");
        MetricWindow probes = windows.get("gateway/probe_latency_ms/1m");
        assertThat(probes.count()).isEqualTo(2);
        assertThat(probes.errors()).isEqualTo(1);
        assertThat(probes.ratePerMin()).isEqualTo(2.0);
        assertThat(probes.max()).isEqualTo(60.0);
        MetricWindow traffic = windows.get("gateway/latency_ms/1m");
        assertThat(traffic.count()).isEqualTo(1);
        assertThat(traffic.errors()).isZero();
        assertThat(traffic.max()).isEqualTo(700.0);
    }

    @Test
    void emitsWindowOnceAfterEndPlusGraceWithExactAggregates() {
        for (int ms = 1; ms <= 100; ms++) {
            fixture.pipe(probe("gateway", T0.plusMillis(ms * 500L), ms % 10 != 0, (double) ms));
        }

        fixture.wallClockAt(Duration.ofSeconds(69));
        assertThat(fixture.windows("1m")).isEmpty();
        fixture.wallClockAt(Duration.ofSeconds(70));
        List<TestRecord<String, MetricWindow>> atClose = finalMinutes();
        fixture.wallClockAt(Duration.ofMinutes(70));

        assertThat(finalMinutes()).hasSize(1);
        assertThat(atClose).hasSize(1);
        TestRecord<String, MetricWindow> record = atClose.get(0);
        assertThat(record.key()).isEqualTo("gateway/probe_latency_ms/1m");
        assertThat(record.timestamp()).isEqualTo(T0.toEpochMilli());
        MetricWindow window = record.value();
        assertThat(window.windowStart()).isEqualTo(T0);
        assertThat(window.windowEnd()).isEqualTo(T0.plusSeconds(60));
        assertThat(window.resolution()).isEqualTo("1m");
        assertThat(window.count()).isEqualTo(100);
        assertThat(window.errors()).isEqualTo(10);
        assertThat(window.sum()).isEqualTo(5050.0);
        assertThat(window.min()).isEqualTo(1.0);
        assertThat(window.max()).isEqualTo(100.0);
        assertThat(window.mean()).isEqualTo(50.5);
        assertThat(window.ratePerMin()).isEqualTo(100.0);
        assertThat(window.errorRate()).isEqualTo(0.1);
        assertThat(window.p50()).isCloseTo(50.0, withinPercentage(1));
        assertThat(window.p95()).isCloseTo(95.0, withinPercentage(1));
        assertThat(window.p99()).isCloseTo(99.0, withinPercentage(1));
        assertThat(window.last()).isEqualTo(100.0);
        assertThat(SketchCodec.fromBase64(window.sketch()).getCount()).isEqualTo(100.0);
    }

    @Test
    void includesOutOfOrderSampleWithinGrace() {
        fixture.wallClockAt(Duration.ofSeconds(50));
        fixture.pipe(probe("gateway", T0.plusSeconds(50), true, 10.0));
        fixture.wallClockAt(Duration.ofSeconds(65));

        fixture.pipe(probe("gateway", T0.plusSeconds(5), true, 30.0));
        fixture.wallClockAt(Duration.ofSeconds(70));

        MetricWindow window = fixture.windows("1m").get(0);
        assertThat(window.count()).isEqualTo(2);
        assertThat(window.last()).isEqualTo(10.0);
        assertThat(window.sum()).isEqualTo(40.0);
        assertThat(fixture.dlq.isEmpty()).isTrue();
        assertThat(fixture.counter(ProcessorMetrics.LATE)).isZero();
    }

    @Test
    void includedPlusLateEqualsProducedWhenSomeSamplesAreDelayed() {
        java.util.Random random = new java.util.Random(3);
        java.util.TreeMap<Long, List<Sample>> arrivals = new java.util.TreeMap<>();
        int produced = 3000;
        for (int i = 0; i < produced; i++) {
            long tsMs = i * 100L;
            long delayMs = random.nextDouble() < 0.01 ? random.nextInt(20_001) : 0;
            arrivals.computeIfAbsent(tsMs + delayMs, k -> new java.util.ArrayList<>())
                    .add(probe("gateway", T0.plusMillis(tsMs), true, 1.0));
        }

        arrivals.forEach((arrivalMs, samples) -> {
            fixture.wallClockAt(Duration.ofMillis(arrivalMs));
            samples.forEach(fixture::pipe);
        });
        fixture.wallClockAt(Duration.ofMinutes(10));

        long included = fixture.windows("1m").stream().mapToLong(MetricWindow::count).sum();
        long late = fixture.counter(ProcessorMetrics.LATE);
        assertThat(included + late).isEqualTo(produced);
        assertThat(late).isPositive().isLessThan(30);
        assertThat(fixture.dlq.readRecordsToList()).hasSize((int) late)
                .allSatisfy(r -> assertThat(header(r, Topics.DLQ_REASON)).isEqualTo(WindowProcessor.LATE_REASON));
    }

    @Test
    void deadLettersLateSampleWithOriginalBytesAndCountsIt() {
        fixture.pipe(probe("gateway", T0.plusSeconds(10), true, 10.0));
        fixture.wallClockAt(Duration.ofSeconds(70));
        Sample late = probe("gateway", T0.plusSeconds(20), true, 99.0);

        fixture.pipe(late);
        fixture.wallClockAt(Duration.ofSeconds(200));

        assertThat(fixture.windows("1m")).extracting(MetricWindow::count).containsExactly(1L);
        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(Json.encode(late));
        assertThat(dead.key()).asString().isEqualTo("gateway");
        assertThat(header(dead, Topics.DLQ_REASON)).isEqualTo(WindowProcessor.LATE_REASON);
        assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.SAMPLES.name());
        assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("1");
        assertThat(fixture.counter(ProcessorMetrics.LATE)).isEqualTo(1);
        assertThat(fixture.counter(ProcessorMetrics.DEAD_LETTERED)).isEqualTo(1);
    }

    @Test
    void metricsEntriesBecomeTheirOwnWindowsWithoutErrors() {
        Sample failed = probe("model_service", T0.plusSeconds(1), false, 250.0)
                .with(Map.of("vram_used_pct", 77.0, "tokens_per_second", 31.5), Map.of());

        fixture.pipe(failed);
        fixture.wallClockAt(Duration.ofSeconds(70));

        Map<String, MetricWindow> windows = fixture.latest("1m");
        assertThat(windows).containsOnlyKeys("model_service/probe_latency_ms/1m", "model_service/vram_used_pct/1m",
                "model_service/tokens_per_second/1m");
        assertThat(windows.get("model_service/probe_latency_ms/1m").errors()).isEqualTo(1);
        assertThat(windows.get("model_service/vram_used_pct/1m").errors()).isZero();
        assertThat(windows.get("model_service/vram_used_pct/1m").max()).isEqualTo(77.0);
        assertThat(windows.get("model_service/tokens_per_second/1m").sum()).isEqualTo(31.5);
    }

    @Test
    void keepsSeriesAndMinutesApart() {
        fixture.pipe(probe("gateway", T0.plusSeconds(10), true, 1.0));
        fixture.pipe(probe("chat_service", T0.plusSeconds(10), true, 2.0));
        fixture.wallClockAt(Duration.ofSeconds(61));
        fixture.pipe(probe("gateway", T0.plusSeconds(61), true, 3.0));

        fixture.wallClockAt(Duration.ofSeconds(70));
        Map<String, MetricWindow> firstMinute = fixture.latest("1m");
        fixture.wallClockAt(Duration.ofSeconds(130));
        Map<String, MetricWindow> secondMinute = new java.util.HashMap<>(fixture.latest("1m"));
        secondMinute.values().removeIf(w -> w.windowStart().equals(T0));

        assertThat(firstMinute).containsOnlyKeys("gateway/probe_latency_ms/1m", "chat_service/probe_latency_ms/1m");
        assertThat(firstMinute.get("chat_service/probe_latency_ms/1m").sum()).isEqualTo(2.0);
        assertThat(secondMinute).containsOnlyKeys("gateway/probe_latency_ms/1m");
        assertThat(secondMinute.get("gateway/probe_latency_ms/1m").windowStart()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void clampsFutureTimestampToFiveSecondsAhead() {
        fixture.pipe(probe("gateway", T0.plus(Duration.ofMinutes(59)), true, 7.0));

        fixture.wallClockAt(Duration.ofSeconds(70));

        assertThat(fixture.windows("1m")).singleElement().extracting(MetricWindow::windowStart).isEqualTo(T0);
    }

    @Test
    void deadLettersTimestampMoreThanAnHourAhead() {
        Sample broken = probe("gateway", T0.plus(Duration.ofDays(365)), true, 7.0);

        fixture.pipe(broken);
        fixture.wallClockAt(Duration.ofSeconds(70));

        assertThat(fixture.windows("1m")).isEmpty();
        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(Json.encode(broken));
        assertThat(header(dead, Topics.DLQ_REASON)).contains("ts must be at most 1h ahead");
    }

    @Test
    void deadLettersSampleFromLongAgoAsLate() {
        fixture.pipe(probe("gateway", T0.minus(Duration.ofDays(2)), true, 7.0));

        fixture.wallClockAt(Duration.ofSeconds(200));

        assertThat(fixture.received()).isEmpty();
        assertThat(header(fixture.dlq.readRecord(), Topics.DLQ_REASON)).isEqualTo(WindowProcessor.LATE_REASON);
    }
}
