package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.api.system.Background;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Mirrors the live state into Redis for dashboards and other readers: hash {@code monitor:status} (service →
 * StatusChange JSON) and hash {@code monitor:metrics:latest} ({@code service/metric/resolution} → MetricWindow JSON).
 *
 * <p>Other parts register {@link Mirror}s: one JSON document under its own key with a TTL (active alerts, the
 * dashboard snapshot), rewritten when marked changed and before it can expire.
 *
 * <p>Writes happen on its own thread from dirty sets, so a down or hung Redis never slows the consumer, REST or
 * the WebSocket; failed keys stay dirty, and after an outage everything is rewritten.
 */
@Component
public class RedisLiveStore implements SmartLifecycle {

    public static final String STATUS_KEY = "monitor:status";
    public static final String METRICS_KEY = "monitor:metrics:latest";
    private static final Logger log = LoggerFactory.getLogger(RedisLiveStore.class);
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    /** Bound of a read on a request path; the first read into a hung Redis costs at most this. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(200);

    private final LiveState state;
    private final JedisPooled redis;
    /** Request-path reads only, with a shorter timeout than the flush thread's writes. */
    private final JedisPooled reads;
    private final Set<String> dirtyStatuses = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyWindows = ConcurrentHashMap.newKeySet();
    private final List<Mirror> mirrors = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    private volatile Background flusher;

    public RedisLiveStore(LiveState state, ApiSettings settings) {
        this.state = state;
        URI uri = URI.create(settings.redisUrl());
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("monitor.api.redis-url must look like redis://host:port, was "
                    + uri.getScheme() + "://" + uri.getHost());
        }
        this.redis = client(uri, settings.dependencyTimeout());
        this.reads = client(uri, READ_TIMEOUT.compareTo(settings.dependencyTimeout()) < 0 ? READ_TIMEOUT
                : settings.dependencyTimeout());
        state.listen(new StateListener() {
            @Override
            public void windowChanged(MetricWindow window) {
                dirtyWindows.add(window.key());
            }

            @Override
            public void statusChanged(String service, StatusChange change) {
                dirtyStatuses.add(service);
            }
        });
    }

    private static JedisPooled client(URI uri, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(4);
        pool.setMaxWait(timeout);
        return new JedisPooled(JedisURIHelper.getHostAndPort(uri), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .build(), pool);
    }

    /**
     * Registers a document mirrored under {@code key}: written from {@code source} on the flush thread when marked
     * changed, at least every {@code refresh}, and after an outage; it expires {@code ttl} after its last write, so
     * a stopped api leaves no stale copy behind for long.
     */
    public Mirror mirror(String key, Duration ttl, Duration refresh, Supplier<Object> source) {
        if (refresh.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("refresh " + refresh + " must be shorter than ttl " + ttl);
        }
        Mirror mirror = new Mirror(key, ttl, refresh, source);
        mirrors.add(mirror);
        return mirror;
    }

    /** @throws RuntimeException when Redis does not answer within the dependency timeout */
    public void ping() {
        redis.ping();
    }

    void flush() {
        try {
            if (!available || (dirtyStatuses.isEmpty() && dirtyWindows.isEmpty())) {
                redis.ping();
                if (!available) {
                    log.info("Redis answers again; rewriting the live state");
                    state.statuses().keySet().forEach(dirtyStatuses::add);
                    state.windows().forEach(window -> dirtyWindows.add(window.key()));
                    mirrors.forEach(Mirror::changed);
                    available = true;
                }
            }
            writeDirty();
            for (Mirror mirror : mirrors) {
                mirror.writeIfDue();
            }
        } catch (RuntimeException e) {
            if (available) {
                log.warn("Redis is unavailable; answering from memory and retrying every {}: {}", FLUSH_INTERVAL,
                        e.toString());
            }
            available = false;
        }
    }

    private void writeDirty() {
        Set<String> services = drain(dirtyStatuses);
        Set<String> keys = drain(dirtyWindows);
        try {
            Map<String, String> statuses = new HashMap<>();
            Set<String> removed = new HashSet<>();
            services.forEach(service -> state.status(service).ifPresentOrElse(
                    change -> statuses.put(service, Json.write(change)), () -> removed.add(service)));
            Map<String, String> windows = new HashMap<>();
            keys.forEach(key -> state.window(key).ifPresent(window -> windows.put(key, Json.write(window))));
            if (!statuses.isEmpty()) {
                redis.hset(STATUS_KEY, statuses);
            }
            if (!removed.isEmpty()) {
                redis.hdel(STATUS_KEY, removed.toArray(String[]::new));
            }
            if (!windows.isEmpty()) {
                redis.hset(METRICS_KEY, windows);
            }
        } catch (RuntimeException e) {
            dirtyStatuses.addAll(services);
            dirtyWindows.addAll(keys);
            throw e;
        }
    }

    private static Set<String> drain(Set<String> dirty) {
        Set<String> taken = new HashSet<>();
        for (String key : dirty) {
            if (dirty.remove(key)) {
                taken.add(key);
            }
        }
        return taken;
    }

    /**
     * One JSON document in Redis, kept as current as its source. A reader takes the Redis copy only while no change
     * is pending since the last write ({@link #current()}), so an answer from Redis never predates a change the api
     * already knows of; otherwise it asks the source.
     */
    public final class Mirror {

        private final String key;
        private final Duration ttl;
        private final Duration refresh;
        private final Supplier<Object> source;
        private final AtomicLong version = new AtomicLong(1);
        private final AtomicLong writtenVersion = new AtomicLong();
        private volatile long writtenAtNanos;

        private Mirror(String key, Duration ttl, Duration refresh, Supplier<Object> source) {
            this.key = key;
            this.ttl = ttl;
            this.refresh = refresh;
            this.source = source;
        }

        public String key() {
            return key;
        }

        /** The source changed: readers ask the source until the next write. */
        public void changed() {
            version.incrementAndGet();
        }

        /** The Redis copy when it reflects every change so far; empty when Redis is down, slow or behind. */
        public Optional<String> current() {
            long wanted = version.get();
            if (!available || writtenVersion.get() != wanted) {
                return Optional.empty();
            }
            return read();
        }

        /** The Redis copy however old (at most the TTL); for when the source itself is unavailable. */
        public Optional<String> any() {
            return available ? read() : Optional.empty();
        }

        private Optional<String> read() {
            try {
                return Optional.ofNullable(reads.get(key));
            } catch (RuntimeException e) {
                // no further request waits on Redis until the flush thread finds it answering (and rewrites it)
                available = false;
                log.debug("Reading {} from Redis failed: {}", key, e.toString());
                return Optional.empty();
            }
        }

        private void writeIfDue() {
            long wanted = version.get();
            boolean stale = System.nanoTime() - writtenAtNanos >= refresh.toNanos();
            if (writtenVersion.get() == wanted && !stale) {
                return;
            }
            String json;
            try {
                json = Json.write(source.get());
            } catch (RuntimeException e) {
                // the source (e.g. PostgreSQL) is down, not Redis: keep the last copy until it expires
                log.debug("Cannot build {} now: {}", key, e.toString());
                return;
            }
            redis.setex(key, ttl.toSeconds(), json);
            writtenAtNanos = System.nanoTime();
            writtenVersion.set(wanted);
        }
    }

    /** Seeds the live state from Redis so series the live consumer's look-back misses show after a restart. */
    void restore() {
        try {
            redis.hgetAll(STATUS_KEY).values().forEach(json -> restore(json, StatusChange.class));
            redis.hgetAll(METRICS_KEY).values().forEach(json -> restore(json, MetricWindow.class));
        } catch (RuntimeException e) {
            log.warn("Could not restore the live state from Redis, starting from Kafka alone: {}", e.toString());
        }
    }

    private void restore(String json, Class<?> type) {
        try {
            Object value = Json.read(json, type);
            if (value instanceof StatusChange change) {
                state.applyStatus(change);
            } else if (value instanceof MetricWindow window) {
                state.applyWindow(window);
            }
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring an unreadable {} entry in Redis: {}", type.getSimpleName(), e.getMessage());
        }
    }

    @Override
    public void start() {
        restore();
        flusher = Background.start("redis-flush", 1);
        flusher.every(FLUSH_INTERVAL, FLUSH_INTERVAL, this::flush);
    }

    @Override
    public void stop() {
        Background f = flusher;
        flusher = null;
        if (f != null) {
            f.close();
            // one last write so a clean shutdown leaves Redis current
            flush();
        }
        redis.close();
        reads.close();
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    @Override
    public int getPhase() {
        // start before and stop after the consumers (default phase) that mark keys dirty
        return DEFAULT_PHASE - 100;
    }
}
