package io.lifestrands.monitor.api.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The api's overall status from the latest checks: {@code healthy} only when every dependency and the pipeline are
 * up and no consumer is retrying; {@code down} when Kafka or the processor is down, as then no data flows at all;
 * else {@code degraded}.
 *
 * @param failing one line per stage that is not up, {@code "<stage>: <status> (<reason>)"}, by stage name; empty
 *                when healthy
 */
record OverallHealth(String status, List<String> failing) {

    static final String HEALTHY = "healthy";
    static final String DEGRADED = "degraded";
    static final String DOWN = "down";
    private static final Set<String> VITAL = Set.of(DependencyMonitor.KAFKA, DependencyMonitor.PROCESSOR);

    OverallHealth {
        failing = List.copyOf(failing);
    }

    /**
     * @param checks            the latest result per dependency and pipeline stage
     * @param retryingConsumers consumers whose last batch failed, with their consecutive failures
     */
    static OverallHealth of(Map<String, DependencyHealth> checks, Map<String, Integer> retryingConsumers) {
        List<String> failing = new ArrayList<>();
        boolean vitalDown = false;
        for (Map.Entry<String, DependencyHealth> check : new TreeMap<>(checks).entrySet()) {
            DependencyHealth health = check.getValue();
            if (!health.up()) {
                failing.add(check.getKey() + ": " + health.status()
                        + (health.error() == null ? "" : " (" + health.error() + ")"));
                vitalDown |= VITAL.contains(check.getKey()) && health.down();
            }
        }
        new TreeMap<>(retryingConsumers).forEach((consumer, failures) -> failing.add("consumer " + consumer
                + ": retrying (" + failures + " failed " + (failures == 1 ? "batch" : "batches in a row") + ")"));
        String status = vitalDown ? DOWN : failing.isEmpty() ? HEALTHY : DEGRADED;
        return new OverallHealth(status, failing);
    }
}
