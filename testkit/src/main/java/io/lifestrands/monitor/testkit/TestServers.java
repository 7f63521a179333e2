package io.lifestrands.monitor.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The real servers of a test JVM, each started on a free port the first time it is asked for and stopped when the
 * JVM exits. Tests share them and keep apart by unique topic, application id, group and database names.
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;

    private TestServers() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = started("Kafka", () -> EmbeddedKafka.start(0));
            log.info("Test Kafka broker at {}", kafka.bootstrapServers());
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = started("PostgreSQL", () -> EmbeddedPostgresServer.start(0));
            log.info("Test PostgreSQL at {}", postgres.jdbcUrl());
        }
        return postgres;
    }

    public static synchronized EmbeddedRedisServer redis() {
        if (redis == null) {
            redis = started("Redis", () -> EmbeddedRedisServer.start(0));
            log.info("Test Redis at {}", redis.url());
        }
        return redis;
    }

    private static <T extends AutoCloseable> T started(String name, Supplier<T> start) {
        T server = start.get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping test {} failed", name, e);
            }
        }, "stop-test-" + name));
        return server;
    }
}
