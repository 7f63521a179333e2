package io.lifestrands.monitor.api.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The seed's {@code infrastructure} section of {@code /metrics}: the database and Redis as their collector probes
 * ({@code postgres}, {@code redis}) report them. Every figure is the current value of its gauge (the latest window's
 * {@code last}, else its mean); a figure no window holds is {@code null}, never 0.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Infrastructure(Database database, Redis redis) {

    /** Service ids of the probes whose readings these are. */
    static final String DATABASE_SERVICE = "postgres";
    static final String REDIS_SERVICE = "redis";
    private static final String QUEUE_PREFIX = "queue_size:";
    private static final double MB = 1024 * 1024;

    /**
     * @param status            the {@code postgres} service's status: {@code up}, {@code degraded}, {@code down},
     *                          {@code unknown}
     * @param connections       client connections ({@code db_connections})
     * @param activeConnections of them running a query ({@code db_connections_active})
     * @param maxConnections    the server's {@code max_connections} ({@code db_max_connections})
     * @param queryTimeAvg      mean query time in ms between the last two probes ({@code db_avg_query_ms})
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Database(String status, Long connections, Long activeConnections, Long maxConnections,
                           Double queryTimeAvg) {
    }

    /**
     * @param status           the {@code redis} service's status
     * @param memoryUsage      used memory as the seed writes it, e.g. {@code 256MB} or {@code 1.5GB}
     * @param memoryUsedBytes  used memory in bytes ({@code redis_used_memory_bytes})
     * @param connectedClients connected clients ({@code redis_connected_clients})
     * @param queueSizes       length of every queue the probe watches ({@code queue_size:<key>}) by key; empty
     *                         when it watches none
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Redis(String status, String memoryUsage, Long memoryUsedBytes, Long connectedClients,
                        SortedMap<String, Long> queueSizes) {

        public Redis {
            queueSizes = new TreeMap<>(Map.copyOf(queueSizes));
        }
    }

    /**
     * @param statuses status of each service by id
     * @param current  the current window of each metric, by service and metric
     */
    static Infrastructure of(Map<String, String> statuses, Map<String, Map<String, MetricWindow>> current) {
        Map<String, MetricWindow> db = current.getOrDefault(DATABASE_SERVICE, Map.of());
        Map<String, MetricWindow> redis = current.getOrDefault(REDIS_SERVICE, Map.of());
        SortedMap<String, Long> queues = new TreeMap<>();
        redis.forEach((metric, window) -> {
            Long size = whole(window);
            if (metric.startsWith(QUEUE_PREFIX) && size != null) {
                queues.put(metric.substring(QUEUE_PREFIX.length()), size);
            }
        });
        Long memory = whole(redis.get("redis_used_memory_bytes"));
        return new Infrastructure(
                new Database(status(statuses, DATABASE_SERVICE), whole(db.get("db_connections")),
                        whole(db.get("db_connections_active")), whole(db.get("db_max_connections")),
                        value(db.get("db_avg_query_ms"))),
                new Redis(status(statuses, REDIS_SERVICE), memory == null ? null : humanBytes(memory), memory,
                        whole(redis.get("redis_connected_clients")), queues));
    }

    /** {@code 256MB}, {@code 0.8MB}, {@code 1.5GB}: one decimal at most, as the seed writes sizes. */
    static String humanBytes(long bytes) {
        double mb = bytes / MB;
        return mb >= 1024 ? decimal(mb / 1024) + "GB" : decimal(mb) + "MB";
    }

    private static String decimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static String status(Map<String, String> statuses, String service) {
        return statuses.getOrDefault(service, ServiceStatus.UNKNOWN.wire());
    }

    private static Double value(MetricWindow window) {
        return window == null || window.count() == 0 ? null : MetricsView.current(window);
    }

    private static Long whole(MetricWindow window) {
        Double value = value(window);
        return value == null ? null : Math.round(value);
    }
}
