package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.MetricSelector;

import java.util.Map;

/**
 * Which metric values the processor believes (the seed's "metric validation: ensure reasonable values"); a sample's
 * other values are dead-lettered as {@code implausible} ({@link Plausibility}). Each list is a metric selector as
 * alert rules take it: names, families ({@code disk_pct:*}), comma-separated, at most 32 entries; blank = none.
 *
 * @param percentMetrics     percentages: within 0-100
 * @param nonNegativeMetrics counts, sizes, durations and rates: at least 0
 * @param maxTokensPerSecond ceiling of {@code tokens_per_second}, which is also at least 0
 */
public record PlausibilitySettings(String percentMetrics, String nonNegativeMetrics, double maxTokensPerSecond) {

    public static final String PERCENT_VARIABLE = "MONITOR_PLAUSIBLE_PERCENT_METRICS";
    public static final String NON_NEGATIVE_VARIABLE = "MONITOR_PLAUSIBLE_NON_NEGATIVE_METRICS";
    public static final String MAX_TOKENS_VARIABLE = "MONITOR_PLAUSIBLE_MAX_TOKENS_PER_SECOND";
    /** What the collector's system probe, the model probe and {@code nvidia-smi} report as percentages. */
    public static final String DEFAULT_PERCENT_METRICS =
            "cpu_pct,mem_pct,disk_pct,disk_pct:*,vram_used_pct,gpu_memory_pct,gpu_util_pct";
    /** The counts, sizes, durations and rates the collector's probes and the fleet's health bodies report. */
    public static final String DEFAULT_NON_NEGATIVE_METRICS = "active_requests,active_generation_count,"
            + "active_sessions,websocket_connections,queue_size,queue_size:*,queue_depth,consumer_lag:*,"
            + "db_connections,db_connections_active,db_max_connections,db_size_bytes,db_avg_query_ms,"
            + "redis_used_memory_bytes,redis_connected_clients,kafka_brokers,vram_used_bytes,vram_total_bytes,"
            + "gpu_count,gpu_memory_used_bytes,gpu_memory_total_bytes,cpu_count,load_average_1m,"
            + "net_rx_bytes_per_s,net_tx_bytes_per_s,requests_per_minute,messages_per_minute,scraped_series,"
            + "last_load_duration_s";
    /** Far above any single model server today, far below a unit mistake (tokens per minute, per hour). */
    public static final double DEFAULT_MAX_TOKENS_PER_SECOND = 100_000;

    /** @throws IllegalArgumentException naming the variable and its value when one is invalid */
    public PlausibilitySettings {
        percentMetrics = selector(PERCENT_VARIABLE, percentMetrics);
        nonNegativeMetrics = selector(NON_NEGATIVE_VARIABLE, nonNegativeMetrics);
        if (!Double.isFinite(maxTokensPerSecond) || maxTokensPerSecond <= 0) {
            throw new IllegalArgumentException(MAX_TOKENS_VARIABLE + " must be a finite number > 0, was "
                    + maxTokensPerSecond);
        }
    }

    public static PlausibilitySettings defaults() {
        return new PlausibilitySettings(DEFAULT_PERCENT_METRICS, DEFAULT_NON_NEGATIVE_METRICS,
                DEFAULT_MAX_TOKENS_PER_SECOND);
    }

    /**
     * Reads {@value #PERCENT_VARIABLE} (default {@link #DEFAULT_PERCENT_METRICS}), {@value #NON_NEGATIVE_VARIABLE}
     * (default {@link #DEFAULT_NON_NEGATIVE_METRICS}), either set but empty for none, and
     * {@value #MAX_TOKENS_VARIABLE} (default 100000).
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid
     */
    public static PlausibilitySettings fromEnv(Map<String, String> env) {
        String ceiling = env.get(MAX_TOKENS_VARIABLE);
        double maxTokensPerSecond;
        try {
            maxTokensPerSecond = ceiling == null || ceiling.isBlank() ? DEFAULT_MAX_TOKENS_PER_SECOND
                    : Double.parseDouble(ceiling.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_TOKENS_VARIABLE + " must be a number, was '" + ceiling + "'", e);
        }
        return new PlausibilitySettings(env.getOrDefault(PERCENT_VARIABLE, DEFAULT_PERCENT_METRICS),
                env.getOrDefault(NON_NEGATIVE_VARIABLE, DEFAULT_NON_NEGATIVE_METRICS), maxTokensPerSecond);
    }

    /** The selector of a list, or null for none. */
    static MetricSelector parsed(String list) {
        return list.isEmpty() ? null : MetricSelector.parse(list);
    }

    private static String selector(String variable, String text) {
        String list = text == null ? "" : text.strip();
        try {
            parsed(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is invalid, was '" + text + "': " + e.getMessage(), e);
        }
        return list;
    }
}
