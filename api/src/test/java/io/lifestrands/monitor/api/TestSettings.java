package io.lifestrands.monitor.api;

import io.lifestrands.monitor.api.system.ApiSettings;

import java.time.Duration;

/** {@link ApiSettings} as api.yaml's defaults give them, for unit tests of what is built from them. */
public final class TestSettings {

    private TestSettings() {
    }

    public static ApiSettings api(Duration consumerSessionTimeout) {
        return new ApiSettings("localhost:9092", "redis://localhost:6379", "postgresql://localhost:5432/monitor", null,
                null, Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(10), consumerSessionTimeout,
                "monitor-processor");
    }
}
