package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Map;

/**
 * What the status store keeps per service: the current status, the event time (epoch millis, clamped) of the newest
 * probe, the latest report of each collector host, and the wall-clock time the last probe arrived (for staleness).
 */
record ServiceState(ServiceStatus status, long eventTimeMs, Map<String, HostReport> hosts, long lastSeenMs) {

    ServiceState {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
    }

    /**
     * One collector's view of a service.
     *
     * @param status      what its newest probe says
     * @param eventTimeMs event time of that probe, so an older probe from the same host is ignored
     * @param seenMs      wall-clock time it arrived, to tell which collectors reported in the last interval
     * @param synthetic   true when the probe was injected by the monitor ({@link Sample#SYNTHETIC_LABEL}); absent
     *                    (false) in reports stored before this field existed
     */
    record HostReport(ServiceStatus status, long eventTimeMs, long seenMs, Boolean synthetic) {

        HostReport {
            if (status == null) {
                throw new IllegalArgumentException("status is required");
            }
            synthetic = Boolean.TRUE.equals(synthetic) ? Boolean.TRUE : null;
        }

        /** A synthetic report of an unhealthy service: it decides the status while it votes. */
        boolean overrides() {
            return synthetic != null && status != ServiceStatus.UP;
        }
    }
}
