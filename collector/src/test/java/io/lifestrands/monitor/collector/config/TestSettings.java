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
                Duration.ofSeconds(5), ingestToken, DataSize.ofKilobytes(64), false, "monitor.samples.v1", targets);
    }

    public static Target target(String id, TargetKind kind, String url, Duration timeout) {
        return new Target(id, kind, url == null ? null : URI.create(url), null, Duration.ofSeconds(5), timeout,
                Map.of("env", "test"));
    }
}
