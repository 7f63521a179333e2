package io.lifestrands.monitor.schema;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void secondsConvertToTheMillisecondsOfALatencyMetric() {
        assertThat(Units.factor("s", "latency_ms")).hasValue(1000.0);
        assertThat(Units.factor("ms", "latency_ms")).hasValue(1.0);
        assertThat(Units.factor("us", "probe_latency_ms")).hasValue(0.001);
        assertThat(Units.factor(null, "latency_ms")).hasValue(1.0);
        assertThat(Units.factor("KiBy", "vram_used_bytes")).hasValue(1024.0);
    }

    @Test
    void unitsThatDoNotConvertAreRefusedNotGuessed() {
        assertThat(Units.factor("By", "latency_ms")).isEmpty();
        assertThat(Units.factor("{request}", "latency_ms")).isEmpty();
        assertThat(Units.factor("s", "tokens_per_second")).isEmpty();
    }

    @Test
    void aWindowInSecondsReadsInMillisecondsWithItsRatesUntouched() {
        MetricWindow seconds = new MetricWindow(1, "chat_service", "latency_ms", "1m", START, START.plusSeconds(60),
                10, 2, 1.5, 0.01, 0.9, 0.15, 0.1, 0.8, 0.9, 10, 0.2, null, 0.3, null, "s", 0.02);

        MetricWindow ms = seconds.inMetricUnit();

        assertThat(ms.unit()).isNull();
        assertThat(ms.p50()).isEqualTo(100.0);
        assertThat(ms.p95()).isEqualTo(800.0);
        assertThat(ms.p99()).isEqualTo(900.0);
        assertThat(ms.min()).isEqualTo(10.0);
        assertThat(ms.max()).isEqualTo(900.0);
        assertThat(ms.sum()).isEqualTo(1500.0);
        assertThat(ms.last()).isEqualTo(300.0);
        assertThat(ms.ratePerMin()).isEqualTo(10.0);
        assertThat(ms.errorRate()).isEqualTo(0.2);
        assertThat(ms.relativeAccuracy()).isEqualTo(0.02);
    }

    @Test
    void aWindowWithoutAConvertibleUnitStaysAsItIs() {
        MetricWindow window = new MetricWindow(1, "chat_service", "queue_wait", "1m", START, START.plusSeconds(60),
                1, 0, 2, 2, 2, 2, 2, 2, 2, 1, 0, null, null, null, "s", null);
        assertThat(window.inMetricUnit()).isSameAs(window);
    }

    @Test
    void theSourceOfALatencyMetricIsNamed() {
        assertThat(Names.sourceOf(Names.LATENCY_MS)).hasValue("traffic");
        assertThat(Names.sourceOf(Names.PROBE_LATENCY_MS)).hasValue("probe");
        assertThat(Names.sourceOf("cpu_pct")).isEmpty();
    }
}
