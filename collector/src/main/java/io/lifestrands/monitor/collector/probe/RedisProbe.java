package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Secrets;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A Redis server: latency is connect + {@code PING}; metrics {@code redis_used_memory_bytes},
 * {@code redis_connected_clients} and {@code queue_size:<key>} for each configured queue key (its length whether
 * it is a list, sorted set, set, stream or hash; 0 when it does not exist).
 */
final class RedisProbe implements Probe {

    private final String host;
    private final Target target;
    private final HostAndPort address;
    private final JedisClientConfig config;

    RedisProbe(String host, Target target) {
        this.host = host;
        this.target = target;
        URI uri = URI.create(target.connection());
        int timeoutMs = (int) target.timeout().toMillis();
        this.address = JedisURIHelper.getHostAndPort(uri);
        this.config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("lifestrands-monitor")
                .build();
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public Sample probe(Instant now) {
        long start = System.nanoTime();
        try (Jedis jedis = new Jedis(address, config)) {
            String pong = jedis.ping();
            double latencyMs = Probe.elapsedMs(start);
            if (!"PONG".equalsIgnoreCase(pong)) {
                return Probe.failed(host, target.id(), now, latencyMs, "PING answered '" + pong + "'",
                        target.labels());
            }
            Map<String, Double> metrics = new HashMap<>();
            info(jedis.info("memory"), "used_memory", "redis_used_memory_bytes", metrics);
            info(jedis.info("clients"), "connected_clients", "redis_connected_clients", metrics);
            for (String queue : target.queues()) {
                metrics.put(MetricNames.of("queue_size", queue), (double) length(jedis, queue));
            }
            return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, latencyMs, null, null,
                    metrics, target.labels());
        } catch (JedisException e) {
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), e,
                    Secrets.mask(ProbeErrors.describe(e)), target.labels());
        }
    }

    private static long length(Jedis jedis, String key) {
        return switch (jedis.type(key)) {
            case "list" -> jedis.llen(key);
            case "zset" -> jedis.zcard(key);
            case "set" -> jedis.scard(key);
            case "stream" -> jedis.xlen(key);
            case "hash" -> jedis.hlen(key);
            default -> 0;
        };
    }

    /** Reads one {@code name:value} line of an {@code INFO} section. */
    static void info(String section, String field, String metric, Map<String, Double> metrics) {
        for (String line : section.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                try {
                    metrics.put(metric, Double.parseDouble(line.substring(field.length() + 1).trim()));
                } catch (NumberFormatException e) {
                    // a field we do not understand is left out, not guessed
                }
                return;
            }
        }
    }
}
