package io.lifestrands.monitor.processor.alert;

/** Where an alert stands in the engine: Prometheus's inactive, pending and firing. */
public enum Phase {
    INACTIVE,
    PENDING,
    FIRING
}
