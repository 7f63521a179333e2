package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.state.RedisLiveStore;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.api.system.Background;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks Kafka, Redis, PostgreSQL and the processor (its heartbeats and consumer group) in the background, each on its
 * own schedule with a short timeout, so {@code GET /health} only reads the latest results and never waits on a hung
 * dependency.
 */
@Component
public class DependencyMonitor implements SmartLifecycle {

    static final String KAFKA = "kafka";
    static final String REDIS = "redis";
    static final String POSTGRES = "postgres";
    static final String PROCESSOR = "processor";
    private static final String[] CHECKED = {KAFKA, REDIS, POSTGRES, PROCESSOR};
    private static final Duration PERIOD = Duration.ofSeconds(2);

    private final ApiSettings settings;
    private final RedisLiveStore redis;
    private final DataSource dataSource;
    private final ProcessorHeartbeats heartbeats;
    private final Clock clock;
    private final Map<String, DependencyHealth> results = new ConcurrentHashMap<>();
    private volatile Admin admin;
    private volatile Background checker;

    DependencyMonitor(ApiSettings settings, RedisLiveStore redis, DataSource dataSource,
                      ProcessorHeartbeats heartbeats, Clock clock) {
        this.settings = settings;
        this.redis = redis;
        this.dataSource = dataSource;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /** Latest result per dependency; a check stuck past its period and timeout counts as down. */
    public Map<String, DependencyHealth> latest() {
        Instant stale = clock.instant().minus(PERIOD.plus(settings.dependencyTimeout()).multipliedBy(2));
        Map<String, DependencyHealth> latest = new ConcurrentHashMap<>();
        for (String name : CHECKED) {
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
        for (String name : CHECKED) {
            run(name, check(name));
        }
        return latest();
    }

    private Check check(String name) {
        return switch (name) {
            case KAFKA -> this::checkKafka;
            case REDIS -> () -> {
                redis.ping();
                return Verdict.UP;
            };
            case POSTGRES -> this::checkPostgres;
            case PROCESSOR -> this::checkProcessor;
            default -> throw new IllegalArgumentException("no check named " + name);
        };
    }

    private Verdict checkKafka() throws Exception {
        int timeoutMs = (int) settings.dependencyTimeout().toMillis();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        return Verdict.UP;
    }

    private Verdict checkPostgres() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, settings.dependencyTimeout().toSeconds()))) {
                throw new IllegalStateException("connection not valid");
            }
        }
        return Verdict.UP;
    }

    /** The processor's heartbeats, where it sends any, and its consumer group ({@link ProcessorHealth}). */
    private Verdict checkProcessor() throws InterruptedException {
        Verdict group = checkProcessorGroup();
        return ProcessorHealth.judge(group, heartbeats.instances(), clock.instant());
    }

    /** The processor's consumer group; a group the broker does not know has no instance either. */
    private Verdict checkProcessorGroup() throws InterruptedException {
        String group = settings.processorApplicationId();
        int timeoutMs = (int) settings.dependencyTimeout().toMillis();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group),
                            new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
                    .describedGroups().get(group).get(timeoutMs, TimeUnit.MILLISECONDS);
            return ProcessorGroup.judge(group, description.groupState(), description.members().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return ProcessorGroup.judge(group, null, 0);
            }
            // without an answer the processor may well be running: say so instead of calling it down
            return new Verdict(DependencyHealth.UNKNOWN, "consumer group " + group + " not described: "
                    + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return new Verdict(DependencyHealth.UNKNOWN, "consumer group " + group + " not described: "
                    + e.getClass().getSimpleName());
        }
    }

    private void run(String name, Check check) {
        long started = System.nanoTime();
        Verdict verdict;
        try {
            verdict = check.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            verdict = new Verdict(DependencyHealth.DOWN, cause.getClass().getSimpleName());
        }
        results.put(name, new DependencyHealth(verdict.status(), elapsedMs(started), verdict.reason(),
                clock.instant()));
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
        checker = Background.start("dependency-check", CHECKED.length);
        for (String name : CHECKED) {
            Check check = check(name);
            checker.every(Duration.ZERO, PERIOD, () -> run(name, check));
        }
    }

    @Override
    public void stop() {
        Background c = checker;
        checker = null;
        if (c != null) {
            // a check hung on a dependency is interrupted at once: nothing waits for its verdict any more
            c.close(Duration.ZERO);
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
        Verdict run() throws Exception;
    }
}
