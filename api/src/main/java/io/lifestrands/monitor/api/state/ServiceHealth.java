package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifestrands.monitor.schema.MaintenanceCalendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Current health of one service as the api knows it from {@code monitor.status.v1}.
 *
 * @param since     event time of the change into the current status; absent while the status is unknown
 * @param latencyMs latency of the sample that caused the change, when measured
 * @param status       the probed status ({@code up}, {@code degraded}, {@code down}, {@code monitoring_failed},
 *                     {@code unknown}), or {@code maintenance} while a maintenance window covers the service
 * @param reason       why, e.g. the probe's error; absent when the service is up
 * @param probedStatus in maintenance, the status the probes give, which {@code status} hides; absent otherwise
 * @param maintenance  the ids of the maintenance windows active for the service; absent when none is
 */
public record ServiceHealth(String service, String status, Instant since, Double latencyMs, String reason,
                            String host, @JsonInclude(JsonInclude.Include.NON_NULL) String probedStatus,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> maintenance) {

    public ServiceHealth {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
    }

    /** Health from the probes alone, outside maintenance. */
    public ServiceHealth(String service, String status, Instant since, Double latencyMs, String reason, String host) {
        this(service, status, since, latencyMs, reason, host, null, List.of());
    }

    /** This health with status {@code maintenance} and the probed one beside it; unchanged without {@code windows}. */
    ServiceHealth inMaintenance(List<String> windows) {
        return windows.isEmpty() ? this : new ServiceHealth(service, MaintenanceCalendar.STATUS, since, latencyMs,
                reason, host, status, windows);
    }

    static ServiceHealth of(StatusChange change) {
        return new ServiceHealth(change.service(), change.newStatus().wire(), change.ts(), change.latencyMs(),
                change.reason(), change.host());
    }

    static ServiceHealth unknown(String service) {
        return new ServiceHealth(service, ServiceStatus.UNKNOWN.wire(), null, null, null, null);
    }
}
