package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.anomaly;
import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static io.lifestrands.monitor.api.TestRecords.withUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsViewTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Issue 17: a live view the samples have slid out of is unavailable, with the time of the last data. */
    @Test
    void aServiceWhoseDataStoppedShowsNullFiguresAndWhenItsDataStopped() {
        LiveState state = new LiveState();
        state.applyStatus(change("gateway", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0));
        state.applyWindow(window("gateway", "latency_ms", "live1m", T0, MINUTE, 0, 40, 45));
        state.applyWindow(window("gateway", "cpu_pct", "live1m", T0, MINUTE, 0, 12));
        // a minute later the samples have slid out of both rolling views
        state.applyWindow(window("gateway", "latency_ms", "live1m", T0.plus(MINUTE), MINUTE, 0));
        state.applyWindow(window("gateway", "cpu_pct", "live1m", T0.plus(MINUTE), MINUTE, 0));
        // the five-minute view still holds the data: it must not move the time of the last data
        state.applyWindow(window("gateway", "latency_ms", "live5m", T0.minus(MINUTE.multipliedBy(2)),
                MINUTE.multipliedBy(5), 0, 40, 45));
        MetricsView view = new MetricsView(state, Clock.fixed(T0.plus(MINUTE.multipliedBy(3)), ZoneOffset.UTC));

        ServiceMetrics gateway = view.current("gateway").orElseThrow();

        assertThat(gateway.latencyMs()).isNull();
        assertThat(gateway.responseTimeMs()).isNull();
        assertThat(gateway.requestsPerMinute()).isNull();
        assertThat(gateway.errorRate()).isNull();
        assertThat(gateway.timeouts()).isNull();
        assertThat(gateway.metrics()).containsEntry("cpu_pct", null);
        assertThat(gateway.lastDataAt()).isEqualTo(T0.plus(MINUTE));
        JsonNode json = Json.MAPPER.valueToTree(gateway);
        assertThat(json.get("metrics").has("cpu_pct")).isTrue();
        assertThat(json.get("metrics").get("cpu_pct").isNull()).isTrue();
        assertThat(json.get("requests_per_minute").isNull()).isTrue();
        assertThat(json.get("last_data_at").asString()).isEqualTo(T0.plus(MINUTE).toString());
    }

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

    /** Issue 16: requests come from traffic, checks from probes; each block says which. */
    @Test
    void trafficGivesTheRequestFiguresAndProbesTheirOwnBlock() {
        MetricWindow traffic = window("gateway", "latency_ms", "live1m", T0, MINUTE, 1, 40, 45, 50, 400);
        MetricWindow probe = window("gateway", "probe_latency_ms", "live1m", T0, MINUTE, 0, 8, 9, 10);

        ServiceMetrics shaped = MetricsView.shape(Optional.empty(), List.of(traffic, probe));

        assertThat(shaped.requestsPerMinute()).isEqualTo(4.0);
        assertThat(shaped.responseTimeMs()).isEqualTo(traffic.p50());
        assertThat(shaped.traffic().source()).isEqualTo("traffic");
        assertThat(shaped.traffic().requestsPerMinute()).isEqualTo(4.0);
        assertThat(shaped.traffic().errorRate()).isEqualTo(0.25);
        assertThat(shaped.traffic().accuracy()).isNull();
        assertThat(shaped.probe().source()).isEqualTo("probe");
        assertThat(shaped.probe().checksPerMinute()).isEqualTo(3.0);
        assertThat(shaped.probe().latencyMs().p50()).isEqualTo(probe.p50());
        assertThat(shaped.probe().availability()).isEqualTo(1.0);
        assertThat(shaped.metrics()).doesNotContainKeys("latency_ms", "probe_latency_ms");
    }

    @Test
    void aProbedServiceWithoutTrafficHasNoRequestFigures() {
        MetricWindow probe = window("redis", "probe_latency_ms", "live1m", T0, MINUTE, 1, 8, 9, 10, 11);

        ServiceMetrics shaped = MetricsView.shape(Optional.empty(), List.of(probe));

        assertThat(shaped.requestsPerMinute()).isNull();
        assertThat(shaped.responseTimeMs()).isNull();
        assertThat(shaped.latencyMs()).isNull();
        assertThat(shaped.errorRate()).isNull();
        assertThat(shaped.traffic()).isNull();
        assertThat(shaped.probe().checksPerMinute()).isEqualTo(4.0);
        assertThat(shaped.probe().errorRate()).isEqualTo(0.25);
        assertThat(shaped.probe().availability()).isEqualTo(0.75);
        assertThat(shaped.windowEnd()).isEqualTo(probe.windowEnd());
        JsonNode json = Json.MAPPER.valueToTree(shaped);
        assertThat(json.get("requests_per_minute").isNull()).isTrue();
        assertThat(json.get("traffic").isNull()).isTrue();
        assertThat(json.get("probe").get("source").asString()).isEqualTo("probe");
        assertThat(json.get("probe").get("checks_per_minute").asDouble()).isEqualTo(4.0);
    }

    @Test
    void trafficInSecondsIsShownInMillisecondsWithItsAccuracy() {
        MetricWindow seconds = withUnit(window("gateway", "latency_ms", "live1m", T0, MINUTE, 0, 0.040, 0.045,
                0.050), "s", 0.02);

        ServiceMetrics shaped = MetricsView.shape(Optional.empty(), List.of(seconds));

        assertThat(shaped.responseTimeMs()).isCloseTo(seconds.p50() * 1000, within(1e-9));
        assertThat(shaped.latencyMs().p99()).isCloseTo(seconds.p99() * 1000, within(1e-9));
        assertThat(shaped.traffic().accuracy()).isEqualTo(0.02);
        assertThat(Json.MAPPER.valueToTree(shaped).get("traffic").get("accuracy").asDouble()).isEqualTo(0.02);
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

    @Test
    void timeoutsAreTheLatencyWindowsZeroWhenItHasNoneAndNullWithoutIt() {
        MetricWindow plain = window("gateway", "latency_ms", "live1m", T0, MINUTE, 1, 40, 30_000);
        MetricWindow timed = timeouts(window("chat_service", "latency_ms", "live1m", T0, MINUTE, 2, 40, 5_000, 5_000),
                1L);

        ServiceMetrics none = MetricsView.shape(Optional.empty(), List.of(plain));
        ServiceMetrics one = MetricsView.shape(Optional.empty(), List.of(timed));
        ServiceMetrics absent = MetricsView.shape(Optional.empty(), List.of(window("redis", "redis_used_memory_bytes",
                T0, 1024)));

        assertThat(none.timeouts()).isZero();
        assertThat(one.timeouts()).isEqualTo(1L);
        assertThat(absent.timeouts()).isNull();
        assertThat(Json.MAPPER.readTree(Json.write(absent)).get("timeouts").isNull()).isTrue();
    }

    @Test
    void modelTypeAndPlatformComeFromTheServicesLatestLabels() {
        LiveState state = new LiveState();
        state.applyStatus(change("model_service", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0));
        state.applyLabels("model_service", Map.of("model_type", "chat", "platform", "windows-vulkan",
                "instance_id", "m-1"));
        state.applyWindow(last(window("model_service", "last_load_epoch_s", "live1m", T0, MINUTE, 0, 1.7672256E9),
                1_767_225_600.5));
        state.applyStatus(change("gateway", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0));
        MetricsView view = new MetricsView(state, Clock.fixed(T0, ZoneOffset.UTC));

        ServiceMetrics model = view.current("model_service").orElseThrow();
        JsonNode gateway = Json.MAPPER.readTree(Json.write(view.current().services().get("gateway")));

        assertThat(model.modelType()).isEqualTo("chat");
        assertThat(model.platform()).isEqualTo("windows-vulkan");
        assertThat(view.model("model_service").loadedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.500Z"));
        assertThat(gateway.has("model_type")).isFalse();
        assertThat(view.model("gateway")).isEqualTo(new ModelInfo(null, null, null));
    }

    @Test
    void infrastructureShowsTheDatabaseAndRedisAsTheSeedDoes() {
        LiveState state = new LiveState();
        state.applyStatus(change("postgres", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0));
        state.applyStatus(change("redis", ServiceStatus.UP, ServiceStatus.DEGRADED, T0));
        state.applyWindow(last(window("postgres", "db_connections", "live1m", T0, MINUTE, 0, 10, 12), 12.0));
        state.applyWindow(window("postgres", "db_avg_query_ms", "live1m", T0, MINUTE, 0, 25));
        state.applyWindow(last(window("redis", "redis_used_memory_bytes", "live1m", T0, MINUTE, 0, 268_435_456),
                268_435_456.0));
        state.applyWindow(last(window("redis", "queue_size:summary_queue", "live1m", T0, MINUTE, 0, 9, 8), 8.0));
        MetricsView view = new MetricsView(state, Clock.fixed(T0, ZoneOffset.UTC));

        JsonNode infrastructure = Json.MAPPER.readTree(Json.write(view.current())).get("infrastructure");

        JsonNode database = infrastructure.get("database");
        assertThat(database.get("status").asString()).isEqualTo("up");
        assertThat(database.get("connections").asLong()).isEqualTo(12);
        assertThat(database.get("query_time_avg").asDouble()).isEqualTo(25.0);
        assertThat(database.get("active_connections").isNull()).as("no window: null, not 0").isTrue();
        JsonNode redis = infrastructure.get("redis");
        assertThat(redis.get("status").asString()).isEqualTo("degraded");
        assertThat(redis.get("memory_usage").asString()).isEqualTo("256MB");
        assertThat(redis.get("memory_used_bytes").asLong()).isEqualTo(268_435_456L);
        assertThat(redis.get("queue_sizes").get("summary_queue").asLong()).isEqualTo(8);
        assertThat(redis.get("connected_clients").isNull()).isTrue();
    }

    @Test
    void eachServiceListsItsOpenAnomalyEpisodesAndAnEmptyListWithoutAny() {
        LiveState state = new LiveState();
        state.applyWindow(window("gateway", "latency_ms", T0, 900));
        state.applyWindow(window("search", "latency_ms", T0, 40));
        state.anomalies().apply(anomaly("gateway", T0, null, 900));
        MetricsView view = new MetricsView(state, Clock.fixed(T0, ZoneOffset.UTC));

        JsonNode services = Json.MAPPER.readTree(Json.write(view.current())).get("services");

        JsonNode open = services.get("gateway").get("anomalies").get(0);
        assertThat(open.get("metric").asString()).isEqualTo("latency_ms");
        assertThat(open.get("statistic").asString()).isEqualTo("p95");
        assertThat(open.get("start").asString()).isEqualTo(T0.toString());
        assertThat(open.get("observed").asDouble()).isEqualTo(900);
        assertThat(open.get("baseline").asDouble()).isEqualTo(400);
        assertThat(open.get("score").asDouble()).isEqualTo(6.5);
        assertThat(open.get("direction").asString()).isEqualTo("up");
        assertThat(services.get("search").get("anomalies").isArray()).isTrue();
        assertThat(services.get("search").get("anomalies").isEmpty()).isTrue();
        assertThat(view.current("gateway").orElseThrow().anomalies()).hasSize(1);
    }

    @Test
    void infrastructureWithoutDataIsUnknownAndNull() {
        MetricsView view = new MetricsView(new LiveState(), Clock.fixed(T0, ZoneOffset.UTC));

        JsonNode infrastructure = Json.MAPPER.readTree(Json.write(view.current())).get("infrastructure");

        assertThat(infrastructure.get("database").get("status").asString()).isEqualTo("unknown");
        assertThat(infrastructure.get("database").get("connections").isNull()).isTrue();
        assertThat(infrastructure.get("redis").get("memory_usage").isNull()).isTrue();
        assertThat(infrastructure.get("redis").get("queue_sizes").isEmpty()).isTrue();
    }

    @Test
    void sizesReadAsTheSeedWritesThem() {
        assertThat(Infrastructure.humanBytes(268_435_456L)).isEqualTo("256MB");
        assertThat(Infrastructure.humanBytes(1_258_291L)).isEqualTo("1.2MB");
        assertThat(Infrastructure.humanBytes(19_864_223_744L)).isEqualTo("18.5GB");
    }

    private static MetricWindow last(MetricWindow w, double last) {
        return new MetricWindow(w.v(), w.service(), w.metric(), w.resolution(), w.windowStart(), w.windowEnd(),
                w.count(), w.errors(), w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(), w.ratePerMin(),
                w.errorRate(), w.sketch(), last, w.timeouts());
    }

    private static MetricWindow timeouts(MetricWindow w, long timeouts) {
        return new MetricWindow(w.v(), w.service(), w.metric(), w.resolution(), w.windowStart(), w.windowEnd(),
                w.count(), w.errors(), w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(), w.ratePerMin(),
                w.errorRate(), w.sketch(), w.last(), timeouts);
    }
}
