package io.lifestrands.monitor.api.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline entry of {@code /health}: fresh, stale, and never fed since start. */
class PipelineFreshnessTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void unknownOnlyDuringTheFirstLimitAfterStart() {
        DependencyHealth health = PipelineFreshness.judge(null, STARTED, STARTED.plusSeconds(180), LIMIT);

        assertThat(health.status()).isEqualTo("unknown");
        assertThat(health.error()).isEqualTo("no metric window yet, api started 180 s ago");
    }

    @Test
    void downWhenNoMetricWindowArrivedWithinTheLimitSinceStart() {
        DependencyHealth health = PipelineFreshness.judge(null, STARTED, STARTED.plusSeconds(181), LIMIT);

        assertThat(health.status()).isEqualTo("down");
        assertThat(health.error()).isEqualTo("no metric window since start, 181 s ago");
    }

    @Test
    void upWhileTheLastWindowIsYoungerThanTheLimit() {
        Instant now = STARTED.plus(Duration.ofHours(1));

        DependencyHealth health = PipelineFreshness.judge(now.minusSeconds(4), STARTED, now, LIMIT);

        assertThat(health.status()).isEqualTo("up");
        assertThat(health.latencyMs()).isEqualTo(4000);
    }

    @Test
    void downOnceTheLastWindowIsOlderThanTheLimit() {
        Instant now = STARTED.plus(Duration.ofHours(1));

        DependencyHealth health = PipelineFreshness.judge(now.minusSeconds(200), STARTED, now, LIMIT);

        assertThat(health.status()).isEqualTo("down");
        assertThat(health.error()).isEqualTo("no metric window for 200 s (limit 3m)");
    }
}
