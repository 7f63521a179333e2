package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether metric windows keep arriving: up while the last one is younger than the freshness limit, down when it is
 * older, and down too when none arrived within the limit since the api started; unknown only during that first grace.
 */
final class PipelineFreshness {

    private PipelineFreshness() {
    }

    /**
     * @param lastMetricAt when the last metric window arrived; null before the first
     * @param startedAt    when the api started
     * @param limit        the freshness limit ({@code monitor.api.health.pipeline-freshness}), also the grace after
     *                     start
     */
    static DependencyHealth judge(Instant lastMetricAt, Instant startedAt, Instant now, Duration limit) {
        if (lastMetricAt == null) {
            Duration sinceStart = Duration.between(startedAt, now);
            if (sinceStart.compareTo(limit) <= 0) {
                return new DependencyHealth(DependencyHealth.UNKNOWN, null, "no metric window yet, api started "
                        + sinceStart.toSeconds() + " s ago", now);
            }
            return new DependencyHealth(DependencyHealth.DOWN, null, "no metric window since start, "
                    + sinceStart.toSeconds() + " s ago", now);
        }
        Duration age = Duration.between(lastMetricAt, now);
        if (age.compareTo(limit) > 0) {
            return new DependencyHealth(DependencyHealth.DOWN, age.toMillis(), "no metric window for "
                    + age.toSeconds() + " s (limit " + Json.formatDuration(limit) + ")", now);
        }
        return new DependencyHealth(DependencyHealth.UP, age.toMillis(), null, now);
    }
}
