package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples shaped as the collector's probes build them (collector/.../probe), with the simulated fleet's figures,
 * so a rule is tested against what it really receives: which fields are set, which metric names, which labels.
 */
final class ProbeSamples {

    static final String HOST = "box-1";
    static final String HOST_SERVICE = "host:" + HOST;

    private ProbeSamples() {
    }

    /**
     * {@code HttpProbe} of a fleet service that answered 200: latency, status code, label {@code health} and
     * {@code instance_id} from the body, the body's top-level numbers as metrics.
     */
    static Sample http(String service, Instant ts, double latencyMs, String instance, Map<String, Double> body) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, service, ts, true, latencyMs, 200, null, body,
                Map.of("health", "healthy", "instance_id", instance));
    }

    /** {@code HttpProbe} of a service that answered 500: down, with the error the probe writes. */
    static Sample httpError(String service, Instant ts, double latencyMs, String instance) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, service, ts, false, latencyMs, 500, "HTTP 500",
                Map.of(), Map.of("health", "error", "instance_id", instance));
    }

    /** {@code Probe.failed}: refused or timed out, no metrics, only the target's labels (none by default). */
    static Sample failed(String service, Instant ts, String error) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, service, ts, false, 0.4, null, error, Map.of(),
                Map.of());
    }

    /** {@code Probe.notPerformed}: a check the collector could not perform, e.g. the host name does not resolve. */
    static Sample notPerformed(String service, Instant ts, String error) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, service, ts, false, 0.4, null, error, Map.of(),
                Map.of(), true);
    }

    /** The gateway's /health as the fleet answers it. */
    static Sample gateway(Instant ts, double latencyMs) {
        return http("gateway", ts, latencyMs, "gateway-1", Map.of("requests_per_minute", 120.0,
                "upstream_services", 4.0, "error_rate", 0.02));
    }

    /** The summary service's /health, whose {@code queue_size} is its own queue. */
    static Sample summaryService(Instant ts, double queueSize) {
        return http("summary_service", ts, 40, "summary_service-1", Map.of("queue_size", queueSize,
                "processed_today", 89.0, "average_processing_time_s", 45.0));
    }

    /**
     * {@code ModelProbe}: /health, then /status and /vram. {@code switchedFrom} is the previous model when the
     * model changed since the probe before (label {@code model_switched_from}), else null.
     */
    static Sample model(Instant ts, double vramUsedPct, double tokensPerSecond, double queueDepth, String modelType,
                        String switchedFrom) {
        double total = 24.0 * 1024 * 1024 * 1024;
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("vram_used_bytes", Math.floor(total * vramUsedPct / 100));
        metrics.put("vram_total_bytes", total);
        metrics.put("vram_used_pct", vramUsedPct);
        metrics.put("tokens_per_second", tokensPerSecond);
        metrics.put("active_requests", 1.0);
        metrics.put("active_generation_count", 1.0);
        metrics.put("queue_depth", queueDepth);
        metrics.put("last_load_epoch_s", 1767225600.0);
        metrics.put("last_load_duration_s", 12.0);
        Map<String, String> labels = new HashMap<>(Map.of("health", "healthy", "instance_id", "model_service-1",
                "model_type", modelType, "platform", "windows-vulkan"));
        if (switchedFrom != null) {
            labels.put("model_switched_from", switchedFrom);
        }
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, "model_service", ts, true, 20.0, 200, null,
                metrics, labels);
    }

    /** {@code PostgresProbe} that connected: latency of connect + select 1, the pg_stat figures. */
    static Sample postgres(Instant ts) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, "postgres", ts, true, 3.5, null, null,
                Map.of("db_connections", 12.0, "db_connections_active", 1.0, "db_max_connections", 100.0,
                        "db_size_bytes", 9.0e6, "db_avg_query_ms", 0.4),
                Map.of("query_time_source", "pg_stat_database"));
    }

    /** {@code RedisProbe} with the default queue {@code summary_queue}. */
    static Sample redis(Instant ts, double summaryQueue) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, "redis", ts, true, 0.8, null, null,
                Map.of("redis_used_memory_bytes", 2.56e8, "redis_connected_clients", 4.0,
                        "queue_size:summary_queue", summaryQueue),
                Map.of());
    }

    /** {@code SystemProbe} with {@code nvidia-smi}: CPU, memory, disks, network and GPU of this host. */
    static Sample system(Instant ts, double cpuPct, double memPct, double rootDiskPct, double gpuMemoryPct) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("cpu_pct", cpuPct);
        metrics.put("mem_pct", memPct);
        metrics.put("load_average_1m", 1.2);
        metrics.put("cpu_count", 8.0);
        metrics.put("disk_pct", rootDiskPct);
        metrics.put("disk_pct:root", rootDiskPct);
        metrics.put("disk_pct:data", 40.0);
        metrics.put("net_rx_bytes_per_s", 1.0e5);
        metrics.put("net_tx_bytes_per_s", 5.0e4);
        metrics.put("gpu_count", 1.0);
        metrics.put("gpu_memory_used_bytes", 24.0e9 * gpuMemoryPct / 100);
        metrics.put("gpu_memory_total_bytes", 24.0e9);
        metrics.put("gpu_memory_pct", gpuMemoryPct);
        metrics.put("gpu_util_pct", 35.0);
        return new Sample(Sample.VERSION, SampleKind.PROBE, HOST, HOST_SERVICE, ts, true, 2.1, null, null, metrics,
                Map.of("platform", "LINUX"));
    }
}
