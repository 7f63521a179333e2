package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.lifestrands.monitor.collector.config.TestSettings.connected;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** The redis probe against the embedded Redis server. */
class RedisProbeIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String url = TestServers.redis().url();
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @Test
    void reportsPingLatencyMemoryAndQueueLengths() {
        String list = "summary_queue_" + UUID.randomUUID();
        String zset = "delayed_" + UUID.randomUUID();
        try (Jedis jedis = new Jedis(URI.create(url))) {
            jedis.rpush(list, "a", "b", "c");
            jedis.zadd(zset, 1, "x");
            jedis.zadd(zset, 2, "y");
        }

        Sample sample = probe(url, List.of(list, zset, "absent_queue")).probe(T0);

        assertThat(sample.up()).isTrue();
        assertThat(sample.latencyMs()).isPositive();
        assertThat(sample.metrics().get("redis_used_memory_bytes")).isPositive();
        assertThat(sample.metrics().get("redis_connected_clients")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample.metrics()).containsEntry("queue_size:" + list, 3.0)
                .containsEntry("queue_size:" + zset, 2.0)
                .containsEntry("queue_size:absent_queue", 0.0);
    }

    @Test
    void unreachableServerIsDown() {
        Sample sample = probe("redis://localhost:" + Ports.free(), List.of("summary_queue")).probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("connection refused");
        assertThat(sample.metrics()).isEmpty();
    }

    private Probe probe(String connection, List<String> queues) {
        return probes.create(connected("redis", TargetKind.REDIS, connection, Duration.ofSeconds(5), queues, null));
    }
}
