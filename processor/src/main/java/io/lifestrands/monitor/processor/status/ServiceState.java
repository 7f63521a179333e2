package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.ServiceStatus;

/**
 * What the status store keeps per service: the current status and the event time (epoch millis, clamped) of the
 * newest probe seen, so an out-of-order older probe cannot flip the status back.
 */
record ServiceState(ServiceStatus status, long eventTimeMs) {

    ServiceState {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }
}
