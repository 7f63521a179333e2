package io.lifestrands.monitor.api.health;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Body of {@code GET /health}: the api's own health.
 *
 * @param status {@code healthy} when every dependency is up and no consumer is retrying, else {@code degraded}
 */
record ApiHealth(String status, String service, Instant timestamp, SortedMap<String, DependencyHealth> dependencies,
                 Pipeline pipeline) {

    ApiHealth {
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
