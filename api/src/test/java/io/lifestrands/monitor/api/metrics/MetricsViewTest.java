package io.lifestrands.monitor.api.metrics;

import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsViewTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void latencyFieldsComeFromTheFreshestRollingView() {
        MetricWindow live = window("gateway", "latency_ms", "live1m", T0, MINUTE, 1, 40, 45, 50, 400);
        MetricWindow fin = window("gateway", "latency_ms", "1m", T0.minus(MINUTE), MINUTE, 0, 900);

        ServiceMetrics shaped = MetricsView.shape(Optional.of(change("gateway", ServiceStatus.DOWN, ServiceStatus.UP,
                T0)), List.of(fin, live));

        assertThat(shaped.status()).isEqualTo("up");
        assertThat(shaped.responseTimeMs()).isEqualTo(live.p50());
        assertThat(shaped.latencyMs()).isEqualTo(new ServiceMetrics.Percentiles(live.p50(), live.p95(), live.p99()));
        assertThat(shaped.requestsPerMinute()).isEqualTo(4.0);
        assertThat(shaped.errorRate()).isEqualTo(0.25);
        assertThat(shaped.windowEnd()).isEqualTo(live.windowEnd());
    }

    @Test
    void otherMetricsShowTheMeanOfTheirLatestWindow() {
        MetricWindow older = window("model_service", "vram_used_pct", "1m", T0, MINUTE, 0, 50);
        MetricWindow newer = window("model_service", "vram_used_pct", "1m", T0.plus(MINUTE), MINUTE, 0, 80, 90);
        MetricWindow tokens = window("model_service", "tokens_per_second", "1m", T0, MINUTE, 0, 38.4);

        ServiceMetrics shaped = MetricsView.shape(Optional.empty(), List.of(older, newer, tokens));

        assertThat(shaped.metrics()).containsOnlyKeys("vram_used_pct", "tokens_per_second");
        assertThat(shaped.metrics().get("vram_used_pct")).isEqualTo(85.0);
        assertThat(shaped.metrics().get("tokens_per_second")).isCloseTo(38.4, within(1e-9));
        assertThat(shaped.windowEnd()).isEqualTo(newer.windowEnd());
    }

    @Test
    void serviceWithoutStatusOrLatencyIsUnknownWithoutLatencyFields() {
        ServiceMetrics shaped = MetricsView.shape(Optional.empty(),
                List.of(window("redis", "redis_used_memory_bytes", T0, 1024)));

        assertThat(shaped.status()).isEqualTo("unknown");
        assertThat(shaped.responseTimeMs()).isNull();
        assertThat(shaped.latencyMs()).isNull();
    }

    @Test
    void snapshotUsesTheSeedFieldNames() {
        LiveState state = new LiveState();
        state.applyStatus(change("gateway", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0));
        state.applyWindow(window("gateway", "latency_ms", "live1m", T0, MINUTE, 0, 45));
        state.applyWindow(window("gateway", "cpu_pct", T0, 12));
        MetricsView view = new MetricsView(state, Clock.fixed(T0, ZoneOffset.UTC));

        JsonNode json = Json.MAPPER.readTree(Json.write(view.current()));

        JsonNode gateway = json.get("services").get("gateway");
        assertThat(json.get("timestamp").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(gateway.get("status").asString()).isEqualTo("up");
        assertThat(gateway.get("response_time_ms").asDouble()).isCloseTo(45, within(0.5));
        assertThat(gateway.get("latency_ms").has("p95")).isTrue();
        assertThat(gateway.get("requests_per_minute").asDouble()).isEqualTo(1.0);
        assertThat(gateway.get("error_rate").asDouble()).isZero();
        assertThat(gateway.get("metrics").get("cpu_pct").asDouble()).isEqualTo(12.0);
        assertThat(gateway.get("window_end").asString()).isEqualTo("2026-01-01T00:01:00Z");
    }
}
