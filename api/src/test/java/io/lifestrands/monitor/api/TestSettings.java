package io.lifestrands.monitor.api;

import io.lifestrands.monitor.api.system.ApiSettings;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/** {@link ApiSettings} as api.yaml's defaults give them, for unit tests of what is built from them. */
public final class TestSettings {

    private TestSettings() {
    }

    public static ApiSettings api(Duration consumerSessionTimeout) {
        return new ApiSettings("localhost:9092", "redis://localhost:6379", "postgresql://localhost:5432/monitor", null,
                null, "monitor-api-history", List.of("1m"), 10_000, 30, Duration.ofSeconds(5), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(5), DataSize.ofKilobytes(512),
                Duration.ofMillis(200), Duration.ofSeconds(10), consumerSessionTimeout, Duration.ofSeconds(1),
                "monitor-processor");
    }
}
