package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.testkit.EmbeddedRedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With its own Redis server, which the test stops and starts again. */
class RedisOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private EmbeddedRedisServer redis;
    private ApiFixture api;

    @BeforeEach
    void start() {
        redis = EmbeddedRedisServer.start(0);
        api = new ApiFixture(redis.url());
    }

    @AfterEach
    void stop() {
        api.close();
        redis.close();
    }

    @Test
    void answersFromMemoryWhileRedisIsDownAndRebuildsItAfterwards() throws Exception {
        String before = "svc-before-" + api.id;
        String service = "svc-redis-" + api.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api.produce(change(before, ServiceStatus.UNKNOWN, ServiceStatus.UP, now));
        try (JedisPooled client = new JedisPooled(URI.create(redis.url()))) {
            await().atMost(WAIT).until(() -> client.hget(RedisLiveStore.STATUS_KEY, before) != null);
        }
        int port = redis.port();
        redis.close();

        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, now));

        await().atMost(WAIT).until(() -> api.getJson("/health/services").get("services").has(service));
        await().atMost(WAIT).until(() -> api.getJson("/health").get("dependencies").get("redis").get("status")
                .asString().equals("down"));
        assertThat(api.getJson("/health").get("status").asString()).isEqualTo("degraded");

        redis = EmbeddedRedisServer.start(port);

        try (JedisPooled client = new JedisPooled(URI.create(redis.url()))) {
            // the restarted server is empty: the status written before the outage must come back too
            await().atMost(WAIT).until(() -> client.hget(RedisLiveStore.STATUS_KEY, service) != null
                    && client.hget(RedisLiveStore.STATUS_KEY, before) != null);
        }
        await().atMost(WAIT).until(() -> api.getJson("/health").get("dependencies").get("redis").get("status")
                .asString().equals("up"));
    }
}
