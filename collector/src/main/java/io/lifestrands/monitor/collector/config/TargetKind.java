package io.lifestrands.monitor.collector.config;

/** Which probe a {@link Target} gets. */
public enum TargetKind {
    /** GET a health URL: latency, status code, JSON {@code status}, numbers of the body. */
    HTTP,
    /** The GPU model service: {@code /health}, {@code /status} and {@code /vram}. */
    MODEL,
    /** This host's CPU, memory, disks, network and (when {@code nvidia-smi} is present) GPUs. */
    SYSTEM,
    /** A PostgreSQL server over JDBC: connect + {@code select 1}, connections, average query time. */
    POSTGRES,
    /** A Redis server: PING, memory, queue lengths. */
    REDIS,
    /** A Kafka cluster via the admin client: brokers reachable, consumer-group lag. */
    KAFKA,
    /** Any service with a Prometheus text exposition: chosen series become metrics. */
    PROMETHEUS
}
