package io.lifestrands.monitor.api.analytics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Body of {@code GET /analytics/performance}, shaped like the seed's "Performance Analytics".
 *
 * @param range          the range covered, e.g. {@code 1h}
 * @param source         {@code history:<resolution>} when merged from stored windows, {@code live} when from the
 *                       latest live windows (PostgreSQL unavailable)
 * @param responseTimes  latency percentiles in ms per service, from merged sketches
 */
record Performance(String range, String source, SortedMap<String, Latency> responseTimes, Throughput throughput,
                   Resources resourceUtilization) {

    Performance {
        responseTimes = new TreeMap<>(Map.copyOf(responseTimes));
    }

    /** @param errorRate failed share, 0 to 1; absent without samples */
    record Latency(double p50, double p95, double p99, long count, Double errorRate) {
    }

    /**
     * @param requestsPerSecond        latency samples per second over the range, all services
     * @param conversationsPerHour     conversations started today per hour elapsed today (UTC)
     * @param tokensGeneratedPerMinute mean {@code tokens_per_second} over the range × 60; absent without data
     */
    record Throughput(double requestsPerSecond, double conversationsPerHour, Double tokensGeneratedPerMinute) {
    }

    /** Percentages: mean {@code cpu_pct}/{@code mem_pct} of the hosts, highest {@code vram_used_pct}. */
    record Resources(Double cpuUsage, Double memoryUsage, Double gpuMemoryUsage) {
    }
}
