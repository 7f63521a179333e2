package io.lifestrands.monitor.api.health;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The overall status of {@code /health} from the stages' results, and the stages it names as failing. */
class OverallHealthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void healthyOnlyWhenEveryStageIsUp() {
        OverallHealth health = OverallHealth.of(allUp(), Map.of());

        assertThat(health.status()).isEqualTo("healthy");
        assertThat(health.failing()).isEmpty();
    }

    @Test
    void downWhenTheProcessorIsDownNamingItsReason() {
        Map<String, DependencyHealth> checks = allUp();
        checks.put("processor", down("no processor instance in consumer group monitor-processor"));

        OverallHealth health = OverallHealth.of(checks, Map.of());

        assertThat(health.status()).isEqualTo("down");
        assertThat(health.failing())
                .containsExactly("processor: down (no processor instance in consumer group monitor-processor)");
    }

    @Test
    void downWhenKafkaIsDown() {
        Map<String, DependencyHealth> checks = allUp();
        checks.put("kafka", down("TimeoutException"));

        assertThat(OverallHealth.of(checks, Map.of()).status()).isEqualTo("down");
    }

    @Test
    void degradedWhenAnotherStageIsDownOrUnknown() {
        Map<String, DependencyHealth> checks = allUp();
        checks.put("redis", down("JedisConnectionException"));
        checks.put("pipeline", new DependencyHealth("unknown", null, "no metric window yet, api started 20 s ago", T0));

        OverallHealth health = OverallHealth.of(checks, Map.of());

        assertThat(health.status()).isEqualTo("degraded");
        assertThat(health.failing()).containsExactly(
                "pipeline: unknown (no metric window yet, api started 20 s ago)",
                "redis: down (JedisConnectionException)");
    }

    @Test
    void aRebalancingProcessorIsNotUpButNotDown() {
        Map<String, DependencyHealth> checks = allUp();
        checks.put("processor", new DependencyHealth("rebalancing", 3L,
                "consumer group monitor-processor is rebalancing (PreparingRebalance) with 2 instances", T0));

        OverallHealth health = OverallHealth.of(checks, Map.of());

        assertThat(health.status()).isEqualTo("degraded");
        assertThat(health.failing()).singleElement().asString().startsWith("processor: rebalancing (");
    }

    @Test
    void aRetryingConsumerDegrades() {
        OverallHealth health = OverallHealth.of(allUp(), Map.of("history", 3));

        assertThat(health.status()).isEqualTo("degraded");
        assertThat(health.failing()).containsExactly("consumer history: retrying (3 failed batches in a row)");
    }

    private static Map<String, DependencyHealth> allUp() {
        Map<String, DependencyHealth> checks = new HashMap<>();
        for (String stage : new String[] {"kafka", "redis", "postgres", "processor", "pipeline"}) {
            checks.put(stage, new DependencyHealth("up", 1L, null, T0));
        }
        return checks;
    }

    private static DependencyHealth down(String reason) {
        return new DependencyHealth("down", 1L, reason, T0);
    }
}
