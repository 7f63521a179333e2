package io.lifestrands.monitor.api.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Body of {@code GET /health}: the api's own health.
 *
 * @param status       {@code healthy} when every dependency, the processor and the pipeline are up and no consumer
 *                     is retrying; {@code down} when Kafka or the processor is down; else {@code degraded}
 * @param failing      one line per stage that is not up, e.g. {@code "processor: down (no processor instance in
 *                     consumer group monitor-processor)"}; empty when healthy
 * @param dependencies {@code kafka}, {@code redis}, {@code postgres}, {@code processor} and {@code pipeline}
 * @param system       the monitored services' overall health; no part of {@code status}
 */
record ApiHealth(String status, List<String> failing, String service, Instant timestamp,
                 SortedMap<String, DependencyHealth> dependencies, Pipeline pipeline, SystemHealth system) {

    ApiHealth {
        failing = List.copyOf(failing);
        dependencies = new TreeMap<>(Map.copyOf(dependencies));
    }

    /**
     * @param lastMetricAt      wall-clock time a metric window last arrived; absent before the first
     * @param lastStatusAt      wall-clock time a status change last arrived; absent before the first
     * @param poisonRecords     undecodable records skipped since start
     * @param retryingConsumers consumers whose last batch failed, with their consecutive failures
     */
    record Pipeline(Instant lastMetricAt, Instant lastStatusAt, long poisonRecords,
                    Map<String, Integer> retryingConsumers) {
    }
}
