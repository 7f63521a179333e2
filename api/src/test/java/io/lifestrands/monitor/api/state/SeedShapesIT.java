package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's response shapes on real servers, from records on the real topics: the model's type, platform and load
 * time, timeouts per service, and the monitored system's overall health beside the api's own in {@code /health}.
 */
class SeedShapesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void theModelServicesTypePlatformAndLoadTimeShowInMetricsAndHealth() throws Exception {
        String service = "model-" + api.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant loaded = now.minus(Duration.ofMinutes(7));
        api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, now));
        api.produce(last(window(service, "last_load_epoch_s", "live1m", now.minus(MINUTE), MINUTE, 0,
                loaded.getEpochSecond()), loaded.getEpochSecond()));
        // as the processor publishes the labels of the model probe's samples
        api.send(Topics.SERVICE_LABELS.name(), service, Json.encode(new ServiceLabels(ServiceLabels.VERSION, service,
                Map.of("model_type", "chat", "platform", "windows-vulkan", "instance_id", "m-1"), now)));
        await().atMost(WAIT).until(() -> api.getJson("/metrics/" + service).has("model_type"));

        JsonNode metrics = api.getJson("/metrics/" + service);
        JsonNode health = api.getJson("/health/" + service);

        assertThat(metrics.get("model_type").asString()).isEqualTo("chat");
        assertThat(metrics.get("platform").asString()).isEqualTo("windows-vulkan");
        assertThat(api.getJson("/metrics").get("services").get(service).get("model_type").asString())
                .isEqualTo("chat");
        assertThat(health.get("service").asString()).isEqualTo(service);
        assertThat(health.get("status").asString()).isEqualTo("up");
        assertThat(health.get("model_type").asString()).isEqualTo("chat");
        assertThat(health.get("platform").asString()).isEqualTo("windows-vulkan");
        assertThat(Instant.parse(health.get("model_load_time").asString())).isEqualTo(loaded);
    }

    @Test
    void timeoutsAreCountedPerServiceAndNullWithoutALatencyWindow() throws Exception {
        String timed = "svc-timeouts-" + api.id;
        String quiet = "svc-no-timeouts-" + api.id;
        String gauges = "svc-gauges-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(MINUTE);
        api.produce(timeouts(window(timed, "latency_ms", "live1m", start, MINUTE, 3, 20, 30_000, 30_000, 500), 2));
        api.produce(window(quiet, "latency_ms", "live1m", start, MINUTE, 0, 20, 25));
        api.produce(window(gauges, "cpu_pct", "live1m", start, MINUTE, 0, 40));
        await().atMost(WAIT).until(() -> api.getJson("/metrics").get("services").has(gauges)
                && api.getJson("/metrics").get("services").has(timed)
                && api.getJson("/metrics").get("services").has(quiet));

        JsonNode services = api.getJson("/metrics").get("services");

        assertThat(services.get(timed).get("timeouts").asLong()).isEqualTo(2);
        assertThat(services.get(timed).get("error_rate").asDouble()).isEqualTo(0.75);
        assertThat(services.get(quiet).get("timeouts").asLong()).isZero();
        assertThat(services.get(quiet).get("timeouts").isNumber()).isTrue();
        assertThat(services.get(gauges).get("timeouts").isNull()).isTrue();
    }

    @Test
    void healthCountsTheMonitoredServicesBesideTheApisOwnStatus() throws Exception {
        String down = "svc-sys-down-" + api.id;
        String up = "svc-sys-up-" + api.id;
        api.produce(change(down, ServiceStatus.UP, ServiceStatus.DOWN, Instant.now()));
        api.produce(change(up, ServiceStatus.UNKNOWN, ServiceStatus.UP, Instant.now()));
        await().atMost(WAIT).until(() -> api.getJson("/health/services").get("services").has(down)
                && api.getJson("/health/services").get("services").has(up));

        JsonNode health = api.getJson("/health");

        JsonNode system = health.get("system");
        assertThat(health.get("status").asString()).isIn("healthy", "degraded", "down");
        assertThat(system.get("status").asString()).isEqualTo("down");
        assertThat(system.get("counts").get("down").asInt()).isPositive();
        assertThat(system.get("counts").get("up").asInt()).isPositive();
        assertThat(system.get("services").asInt()).isEqualTo(system.get("counts").valueStream()
                .mapToInt(JsonNode::asInt).sum());
        assertThat(system.get("not_up").valueStream().map(s -> s.get("service").asString())).contains(down)
                .doesNotContain(up);
        assertThat(system.get("not_up").get(0).get("status").asString()).isEqualTo("down");
    }

    @Test
    void metricsCarryTheInfrastructureSection() throws Exception {
        JsonNode infrastructure = api.getJson("/metrics").get("infrastructure");

        assertThat(infrastructure.get("database").has("status")).isTrue();
        assertThat(infrastructure.get("database").has("connections")).isTrue();
        assertThat(infrastructure.get("redis").has("memory_usage")).isTrue();
        assertThat(infrastructure.get("redis").get("queue_sizes").isObject()).isTrue();
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
