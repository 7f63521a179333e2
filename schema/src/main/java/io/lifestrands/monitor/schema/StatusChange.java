package io.lifestrands.monitor.schema;

import java.time.Instant;

/**
 * A change of a service's status on the compacted {@code monitor.status.v1}; the latest per key is the current
 * status.
 *
 * @param oldStatus status before the change, {@code unknown} for the first one
 * @param newStatus status after the change
 * @param ts        event time of the sample that caused the change
 * @param host      the collector host whose sample caused it
 * @param reason    why, e.g. the probe's error text; absent when the service came up
 * @param latencyMs latency of the sample that caused it, when measured
 */
public record StatusChange(Integer v, String service, ServiceStatus oldStatus, ServiceStatus newStatus, Instant ts,
                           String host, String reason, Double latencyMs) {

    public static final int VERSION = 1;

    public StatusChange {
        v = v == null ? VERSION : v;
        Checks.id("service", service);
        Checks.required("old_status", oldStatus);
        Checks.required("new_status", newStatus);
        Checks.required("ts", ts);
        Checks.text("reason", reason);
    }
}
