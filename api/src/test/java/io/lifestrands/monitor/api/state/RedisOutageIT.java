package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.ProcessorInstance;
import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.testkit.EmbeddedRedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With its own Redis server, which the test stops and starts again. */
class RedisOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private EmbeddedRedisServer redis;
    private ApiFixture api;
    private ProcessorInstance processor;

    @BeforeEach
    void start() {
        redis = EmbeddedRedisServer.start(0);
        api = new ApiFixture(redis.url());
        // a running processor: without one /health is down, whatever Redis does
        processor = api.processorInstance();
    }

    @AfterEach
    void stop() {
        processor.close();
        api.close();
        redis.close();
    }

    @Test
    void answersFromMemoryWhileRedisIsDownAndRebuildsItAfterwards() throws Exception {
        String before = "svc-before-" + api.id;
        String service = "svc-redis-" + api.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String alertId = "ep-redis-" + api.id;
        api.produce(change(before, ServiceStatus.UNKNOWN, ServiceStatus.UP, now));
        api.produce(alert(alertId, "service_down", Severity.CRITICAL, before, AlertState.FIRING, now));
        try (JedisPooled client = new JedisPooled(URI.create(redis.url()))) {
            await().atMost(WAIT).until(() -> client.hget(RedisLiveStore.STATUS_KEY, before) != null);
            await().atMost(WAIT).until(() -> mirroredAlert(client, alertId) != null);
            assertThat(mirroredAlert(client, alertId).get("acknowledged").asBoolean()).isFalse();
            await().atMost(WAIT).until(() -> dashboardAlert(client, alertId) != null);
            JsonNode snapshot = Json.MAPPER.readTree(client.get("monitor:dashboard"));
            assertThat(snapshot.get("services").get(before).get("status").asString()).isEqualTo("up");
            assertThat(client.ttl(ActiveAlerts.REDIS_KEY)).isBetween(1L, 120L);
            assertThat(client.ttl("monitor:dashboard")).isBetween(1L, 60L);
        }
        // the current copy in Redis answers /alerts
        await().atMost(WAIT).until(() -> api.getJson("/alerts").get("source").asString().equals("redis"));
        assertThat(ids(api.getJson("/alerts"))).contains(alertId);
        int port = redis.port();
        redis.close();

        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, now));

        await().atMost(WAIT).until(() -> api.getJson("/health/services").get("services").has(service));
        await().atMost(WAIT).until(() -> api.getJson("/health").get("dependencies").get("redis").get("status")
                .asString().equals("down"));
        assertThat(api.getJson("/health").get("status").asString()).isEqualTo("degraded");
        // alerts and the dashboard still answer, from PostgreSQL; an acknowledgement made now reaches Redis later
        JsonNode alerts = api.getJson("/alerts");
        assertThat(alerts.get("source").asString()).isEqualTo("postgres");
        assertThat(ids(alerts)).contains(alertId);
        assertThat(api.postJson("/alerts/" + alertId + "/acknowledge", "{\"by\":\"ops\"}", 200)
                .get("acknowledged").asBoolean()).isTrue();
        JsonNode dashboard = api.getJson("/dashboard/data");
        assertThat(ids(dashboard)).contains(alertId);
        assertThat(dashboard.get("services").get(service).get("status").asString()).isEqualTo("down");

        redis = EmbeddedRedisServer.start(port);

        try (JedisPooled client = new JedisPooled(URI.create(redis.url()))) {
            // the restarted server is empty: the status written before the outage must come back too
            await().atMost(WAIT).until(() -> client.hget(RedisLiveStore.STATUS_KEY, service) != null
                    && client.hget(RedisLiveStore.STATUS_KEY, before) != null);
            // so must the active alerts, with the acknowledgement made during the outage, and the snapshot
            await().atMost(WAIT).until(() -> mirroredAlert(client, alertId) != null);
            JsonNode mirrored = mirroredAlert(client, alertId);
            assertThat(mirrored.get("acknowledged").asBoolean()).isTrue();
            assertThat(mirrored.get("acknowledged_by").asString()).isEqualTo("ops");
            await().atMost(WAIT).until(() -> dashboardAlert(client, alertId) != null
                    && Json.MAPPER.readTree(client.get("monitor:dashboard")).get("services").has(service));
        }
        await().atMost(WAIT).until(() -> api.getJson("/health").get("dependencies").get("redis").get("status")
                .asString().equals("up"));
        await().atMost(WAIT).until(() -> api.getJson("/alerts").get("source").asString().equals("redis"));
        assertThat(api.getJson("/alerts").get("acknowledged_count").asLong()).isEqualTo(1);
    }

    private static JsonNode mirroredAlert(JedisPooled client, String id) {
        String json = client.get(ActiveAlerts.REDIS_KEY);
        return json == null ? null : find(Json.MAPPER.readTree(json), id);
    }

    private static JsonNode dashboardAlert(JedisPooled client, String id) {
        String json = client.get("monitor:dashboard");
        return json == null ? null : find(Json.MAPPER.readTree(json).get("alerts"), id);
    }

    private static JsonNode find(JsonNode alerts, String id) {
        if (alerts == null || !alerts.isArray()) {
            return null;
        }
        for (JsonNode alert : alerts) {
            if (alert.get("id").asString().equals(id)) {
                return alert;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("alerts").forEach(alert -> ids.add(alert.get("id").asString()));
        return ids;
    }
}
