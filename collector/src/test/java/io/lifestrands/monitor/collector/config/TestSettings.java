package io.lifestrands.monitor.collector.config;

import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings and targets for tests, built without Spring. */
public final class TestSettings {

    public static final String HOST = "test-host";

    private TestSettings() {
    }

    public static CollectorSettings settings(List<Target> targets) {
        return settings(targets, "");
    }

    public static CollectorSettings settings(List<Target> targets, String ingestToken) {
        return new CollectorSettings("localhost:9092", HOST, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(5), ingestToken, DataSize.ofKilobytes(64), false, "monitor.samples.v1", 20_000,
                targets, "");
    }

    public static Target target(String id, TargetKind kind, String url, Duration timeout) {
        return new Target(id, kind, url == null ? null : URI.create(url), null, null, Duration.ofSeconds(5), timeout,
                null, null, null, null, Map.of("env", "test"));
    }

    /** An http or prometheus target with expected status codes and metric sources. */
    public static Target scraped(String id, TargetKind kind, String url, List<Integer> expectedStatus,
                                 Map<String, String> metrics) {
        return new Target(id, kind, URI.create(url), null, null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                expectedStatus, metrics, null, null, Map.of("env", "test"));
    }

    /** A postgres, redis or kafka target. */
    public static Target connected(String id, TargetKind kind, String connection, Duration timeout,
                                   List<String> queues, List<String> groups) {
        return new Target(id, kind, null, null, connection, Duration.ofSeconds(5), timeout, null, null, queues,
                groups, Map.of("env", "test"));
    }
}
