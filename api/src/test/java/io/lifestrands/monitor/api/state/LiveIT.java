package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.feed.SocketClient;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.ProcessorInstance;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live consumer, Redis, current-state REST and the WebSocket against real Kafka, PostgreSQL and Redis. */
class LiveIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTE);

    @BeforeAll
    static void startApi() {
        api = new ApiFixture();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void statusAndMetricsReachRedisAndRest() throws Exception {
        String service = "svc-live-" + api.id;
        MetricWindow latency = window(service, "latency_ms", "live1m", start, MINUTE, 1, 40, 45, 50, 400);
        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, start));
        api.produce(latency);
        api.produce(window(service, "vram_used_pct", start, 80, 90));

        try (JedisPooled redis = new JedisPooled(URI.create(api.redisUrl))) {
            await().atMost(WAIT).until(() -> redis.hget(RedisLiveStore.STATUS_KEY, service) != null
                    && redis.hget(RedisLiveStore.METRICS_KEY, latency.key()) != null);
            assertThat(Json.MAPPER.readTree(redis.hget(RedisLiveStore.STATUS_KEY, service)).get("new_status")
                    .asString()).isEqualTo("down");
        }
        await().atMost(WAIT).until(() -> api.getJson("/metrics").get("services").get(service) != null
                && api.getJson("/metrics").get("services").get(service).get("metrics").has("vram_used_pct"));

        JsonNode health = api.getJson("/health/services").get("services").get(service);
        assertThat(health.get("status").asString()).isEqualTo("down");
        assertThat(health.get("since").asString()).isEqualTo(start.toString());
        assertThat(health.get("reason").asString()).isEqualTo("connection refused");
        assertThat(api.getJson("/health/" + service).get("latency_ms").asDouble()).isEqualTo(12.5);
        JsonNode metrics = api.getJson("/metrics").get("services").get(service);
        assertThat(metrics.get("status").asString()).isEqualTo("down");
        assertThat(metrics.get("response_time_ms").asDouble()).isEqualTo(latency.p50());
        assertThat(metrics.get("latency_ms").get("p99").asDouble()).isEqualTo(latency.p99());
        assertThat(metrics.get("requests_per_minute").asDouble()).isEqualTo(4.0);
        assertThat(metrics.get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(metrics.get("metrics").get("vram_used_pct").asDouble()).isEqualTo(85.0);
    }

    @Test
    void unknownServiceAnswers404ProblemJson() throws Exception {
        var response = api.get("/health/no-such-service-" + api.id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.MAPPER.readTree(response.body()).get("detail").asString()).contains("unknown service");
    }

    @Test
    void healthReportsEveryDependencyUp() throws Exception {
        // a running pipeline: healthy needs a processor instance in its group and a metric window that just arrived
        try (ProcessorInstance processor = api.processorInstance()) {
            api.produce(window("svc-healthy-" + api.id, "latency_ms", "live1m", Instant.now().minusSeconds(60),
                    MINUTE, 0, 1));
            await().atMost(WAIT).until(() -> api.getJson("/health").get("status").asString().equals("healthy"));

            JsonNode health = api.getJson("/health");
            assertThat(health.get("service").asString()).isEqualTo("monitor");
            for (String dependency : List.of("kafka", "redis", "postgres", "processor", "pipeline")) {
                assertThat(health.get("dependencies").get(dependency).get("status").asString()).isEqualTo("up");
            }
        }
    }

    @Test
    void webSocketSendsSnapshotThenMetricsUpdatesAndStatusChanges() throws Exception {
        String service = "svc-ws-" + api.id;
        // subscribed to its own service: in the suite this api replays every other test's records at start, and an
        // unfiltered client on a loaded machine can be closed as slow before the change it waits for arrives
        try (SocketClient messages = SocketClient.connect(URI.create(api.webSocketUri() + "?services=" + service))) {
            await().atMost(WAIT).until(() -> !messages.messages.isEmpty());
            JsonNode snapshot = messages.messages.get(0);
            assertThat(snapshot.get("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.get("data").has("services")).isTrue();
            assertThat(snapshot.get("data").has("statuses")).isTrue();

            api.produce(change(service, ServiceStatus.UP, ServiceStatus.DEGRADED, Instant.now()));

            await().atMost(WAIT).until(() -> messages.ofType("status_change").stream()
                    .anyMatch(m -> m.get("service").asString().equals(service)));
            await().atMost(WAIT).until(() -> !messages.ofType("metrics_update").isEmpty());
            JsonNode changed = messages.ofType("status_change").stream()
                    .filter(m -> m.get("service").asString().equals(service)).findFirst().orElseThrow();
            assertThat(changed.get("old_status").asString()).isEqualTo("up");
            assertThat(changed.get("new_status").asString()).isEqualTo("degraded");
            assertThat(messages.ofType("metrics_update").get(0).get("data").has("services")).isTrue();
        }
    }
}
