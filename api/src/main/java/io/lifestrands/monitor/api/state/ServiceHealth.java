package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;

import java.time.Instant;
import java.util.Objects;

/**
 * Current health of one service as the api knows it from {@code monitor.status.v1}.
 *
 * @param since     event time of the change into the current status; absent while the status is unknown
 * @param latencyMs latency of the sample that caused the change, when measured
 * @param reason    why, e.g. the probe's error; absent when the service is up
 */
public record ServiceHealth(String service, String status, Instant since, Double latencyMs, String reason,
                            String host) {

    public ServiceHealth {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
    }

    static ServiceHealth of(StatusChange change) {
        return new ServiceHealth(change.service(), change.newStatus().wire(), change.ts(), change.latencyMs(),
                change.reason(), change.host());
    }

    static ServiceHealth unknown(String service) {
        return new ServiceHealth(service, ServiceStatus.UNKNOWN.wire(), null, null, null, null);
    }
}
