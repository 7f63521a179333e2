package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.state.RedisLiveStore;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.testkit.EmbeddedRedisServer;
import io.lifestrands.monitor.testkit.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R8 (Redis hung by SIGSTOP, and Redis stopped) and R9 (PostgreSQL stopped) with private servers. The outage lasts
 * {@code -Dmonitor.outage.seconds} (10 in CI; QUALITY.md's full 60 s when set so).
 */
class OutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("monitor.outage.seconds", 10));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> READS = List.of("/health", "/health/services", "/metrics", "/dashboard/data",
            "/alerts", "/topology", "/analytics/business");

    @TempDir
    Path dataDir;

    @Test
    void restAnswersWhileRedisIsHungAndRedisIsRebuiltAfterwards() throws Exception {
        redisOutage("hung (SIGSTOP)", new RedisFault() {
            private ProcessHandle process;

            @Override
            public void begin(EmbeddedRedisServer redis) throws Exception {
                process = redisProcess(redis.port());
                signal(process, "STOP");
            }

            @Override
            public EmbeddedRedisServer end(EmbeddedRedisServer redis) throws Exception {
                signal(process, "CONT");
                return redis;
            }
        });
    }

    @Test
    void restAnswersWhileRedisIsDownAndTheEmptyRedisIsRebuiltAfterwards() throws Exception {
        redisOutage("down", new RedisFault() {
            @Override
            public void begin(EmbeddedRedisServer redis) {
                redis.close();
            }

            @Override
            public EmbeddedRedisServer end(EmbeddedRedisServer redis) {
                // a new, empty server on the same port: everything in it must be written again
                return EmbeddedRedisServer.start(redis.port());
            }
        });
    }

    /** How Redis fails during the outage, and how it comes back (the server the api talks to afterwards). */
    private interface RedisFault {
        void begin(EmbeddedRedisServer redis) throws Exception;

        EmbeddedRedisServer end(EmbeddedRedisServer redis) throws Exception;
    }

    /**
     * R8: during the outage live windows keep arriving and every REST read is timed; afterwards the status changed
     * during the outage, the last window of it and a window written before it must be in Redis within 30 s (nothing
     * of the live state lost, also when Redis came back empty).
     */
    private void redisOutage(String kind, RedisFault fault) throws Exception {
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(0);
        try (ApiFixture api = new ApiFixture(redis.url(), Map.of());
             JedisPooled client = new JedisPooled(URI.create(redis.url()))) {
            String service = "svc-redis-" + api.id;
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            // written before the outage and never changed during it: a restarted, empty Redis must get it back too
            String earlier = MetricWindow.key(service, "queue_size", "live1m");
            api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, now));
            api.produce(window(service, "queue_size", "live1m", now.minusSeconds(60), Duration.ofMinutes(1), 0, 3));
            await().atMost(WAIT).until(() -> client.hget(RedisLiveStore.STATUS_KEY, service) != null
                    && client.hget(RedisLiveStore.METRICS_KEY, earlier) != null);

            for (String path : READS) {
                // warm-up: the first call of a path pays for class loading, not for Redis
                assertThat(api.get(path).statusCode()).as(path).isEqualTo(200);
            }

            fault.begin(redis);
            long slowestMs = 0;
            int windows = 0;
            try {
                long until = System.nanoTime() + OUTAGE.toNanos();
                while (System.nanoTime() < until) {
                    api.produce(window(service, "latency_ms", "live1m", Instant.now().minusSeconds(60),
                            Duration.ofMinutes(1), 0, 10 + windows));
                    windows++;
                    for (String path : READS) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = api.get(path);
                        slowestMs = Math.max(slowestMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        assertThat(response.statusCode()).as(path).isEqualTo(200);
                    }
                }
                api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, now.plusSeconds(1)));
                await().atMost(WAIT).until(() -> api.getJson("/health/" + service).get("status").asString()
                        .equals("down"));
            } finally {
                redis = fault.end(redis);
            }
            long resumed = System.nanoTime();

            String lastWindow = MetricWindow.key(service, "latency_ms", "live1m");
            double lastValue = 10 + windows - 1;
            try (JedisPooled after = new JedisPooled(URI.create(redis.url()))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    String status = after.hget(RedisLiveStore.STATUS_KEY, service);
                    String window = after.hget(RedisLiveStore.METRICS_KEY, lastWindow);
                    return status != null && status.contains("\"down\"") && window != null
                            && Json.MAPPER.readTree(window).get("max").asDouble() == lastValue
                            && after.hget(RedisLiveStore.METRICS_KEY, earlier) != null;
                });
            }
            long rebuiltMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
            System.out.printf("R8 Redis %s %s: %d windows produced, slowest REST answer %d ms, Redis current again "
                    + "%d ms after it came back%n", kind, OUTAGE, windows, slowestMs, rebuiltMs);
            assertThat(windows).as("windows produced during the outage").isPositive();
            assertThat(slowestMs).as("slowest REST answer during the outage, ms").isLessThan(2000);
        } finally {
            redis.close();
        }
    }

    @Test
    void historyPausesWhilePostgresIsStoppedAndLosesOrDoublesNothing() throws Exception {
        int port = Ports.free();
        EmbeddedPostgres postgres = startPostgres(port);
        String url = "postgresql://postgres:postgres@localhost:" + port + "/postgres";
        try (ApiFixture api = new ApiFixture(Map.of("monitor.api.database-url", url))) {
            String service = "svc-pg-" + api.id;
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
            int produced = 0;
            for (; produced < 20; produced++) {
                produce(api, service, start, produced);
            }
            await().atMost(WAIT).until(api::historyCaughtUp);

            postgres.close();
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                produce(api, service, start, produced++);
                produce(api, service, start, produced - 1);
                Thread.sleep(100);
            }
            boolean committedDuringOutage = api.historyCaughtUp();
            postgres = startPostgres(port);

            await().atMost(WAIT).until(api::historyCaughtUp);
            long windows = count(port, "select count(*) from metric_windows where service = '" + service + "'");
            long distinct = count(port, "select count(distinct window_start) from metric_windows where service = '"
                    + service + "'");
            long changes = count(port, "select count(*) from status_changes where service = '" + service + "'");
            long alerts = count(port, "select count(*) from alerts where service = '" + service + "'");
            System.out.printf("R9 PostgreSQL stopped %s: %d windows produced (those of the outage sent twice), %d rows, "
                    + "%d distinct; %d status rows; %d alert rows%n", OUTAGE, produced, windows, distinct, changes,
                    alerts);
            assertThat(committedDuringOutage).as("offsets committed past unpersisted records").isFalse();
            assertThat(windows).isEqualTo(produced);
            assertThat(distinct).isEqualTo(produced);
            assertThat(changes).isEqualTo(produced);
            assertThat(alerts).isEqualTo(produced);
        } finally {
            postgres.close();
        }
    }

    private static void produce(ApiFixture api, String service, Instant start, int i) {
        Instant at = start.plus(Duration.ofMinutes(i));
        api.produce(window(service, "latency_ms", at, 10 + i));
        api.produce(change(service, i % 2 == 0 ? ServiceStatus.UP : ServiceStatus.DOWN,
                i % 2 == 0 ? ServiceStatus.DOWN : ServiceStatus.UP, at));
        api.produce(alert(service + "-ep-" + i, "high_latency", Severity.WARNING, service, AlertState.FIRING, at));
    }

    private EmbeddedPostgres startPostgres(int port) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .start();
    }

    private static long count(int port, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The redis-server child of this JVM listening on {@code port} (its title ends with host:port). */
    private static ProcessHandle redisProcess(int port) {
        return ProcessHandle.current().descendants()
                .filter(p -> {
                    String title = title(p);
                    return title.contains("redis-server") && title.endsWith(":" + port);
                })
                .findFirst().orElseThrow(() -> new AssertionError("no redis-server child on port " + port));
    }

    // Redis rewrites its argv to "redis-server host:port"; ProcessHandle.Info would show only the binary
    private static String title(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ')
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
