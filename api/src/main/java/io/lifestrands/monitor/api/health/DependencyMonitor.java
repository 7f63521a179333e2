package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.live.RedisLiveStore;
import io.lifestrands.monitor.api.system.ApiSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks Kafka, Redis and PostgreSQL in the background, each on its own schedule with a short timeout, so
 * {@code GET /health} only reads the latest results and never waits on a hung dependency.
 */
@Component
public class DependencyMonitor implements SmartLifecycle {

    static final String KAFKA = "kafka";
    static final String REDIS = "redis";
    static final String POSTGRES = "postgres";
    private static final Duration PERIOD = Duration.ofSeconds(2);

    private final ApiSettings settings;
    private final RedisLiveStore redis;
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, DependencyHealth> results = new ConcurrentHashMap<>();
    private volatile Admin admin;
    private volatile ScheduledExecutorService checker;

    DependencyMonitor(ApiSettings settings, RedisLiveStore redis, DataSource dataSource, Clock clock) {
        this.settings = settings;
        this.redis = redis;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Latest result per dependency; a check stuck past its period and timeout counts as down. */
    public Map<String, DependencyHealth> latest() {
        Instant stale = clock.instant().minus(PERIOD.plus(settings.dependencyTimeout()).multipliedBy(2));
        Map<String, DependencyHealth> latest = new ConcurrentHashMap<>();
        for (String name : new String[] {KAFKA, REDIS, POSTGRES}) {
            DependencyHealth result = results.getOrDefault(name, DependencyHealth.unknown());
            if (result.checkedAt() != null && result.checkedAt().isBefore(stale)) {
                result = new DependencyHealth(DependencyHealth.DOWN, null, "check did not finish", result.checkedAt());
            }
            latest.put(name, result);
        }
        return latest;
    }

    /** Runs every check now on the caller's thread, each bounded by the dependency timeout, and returns the results. */
    public Map<String, DependencyHealth> checkNow() {
        run(KAFKA, this::checkKafka);
        run(REDIS, redis::ping);
        run(POSTGRES, this::checkPostgres);
        return latest();
    }

    private void checkKafka() throws Exception {
        int timeoutMs = (int) settings.dependencyTimeout().toMillis();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void checkPostgres() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, settings.dependencyTimeout().toSeconds()))) {
                throw new IllegalStateException("connection not valid");
            }
        }
    }

    private void run(String name, Check check) {
        long started = System.nanoTime();
        DependencyHealth result;
        try {
            check.run();
            result = new DependencyHealth(DependencyHealth.UP, elapsedMs(started), null, clock.instant());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            result = new DependencyHealth(DependencyHealth.DOWN, elapsedMs(started), cause.getClass().getSimpleName(),
                    clock.instant());
        }
        results.put(name, result);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void start() {
        int timeoutMs = (int) settings.dependencyTimeout().toMillis();
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "monitor-api-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
        // one thread per dependency: a hung one delays only its own check
        checker = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "dependency-check");
            thread.setDaemon(true);
            return thread;
        });
        schedule(KAFKA, this::checkKafka);
        schedule(REDIS, redis::ping);
        schedule(POSTGRES, this::checkPostgres);
    }

    private void schedule(String name, Check check) {
        checker.scheduleWithFixedDelay(() -> run(name, check), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService c = checker;
        checker = null;
        if (c != null) {
            c.shutdownNow();
        }
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }
}
