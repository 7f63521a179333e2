package io.lifestrands.monitor.collector.config;

/** Which probe a {@link Target} gets. */
public enum TargetKind {
    /** GET a health URL: latency, status code, JSON {@code status}. */
    HTTP,
    /** The GPU model service: {@code /health}, {@code /status} and {@code /vram}. */
    MODEL,
    /** This host's CPU, memory and disk. */
    SYSTEM
}
