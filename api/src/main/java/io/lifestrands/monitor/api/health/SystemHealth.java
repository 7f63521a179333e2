package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitored system's overall health in {@code GET /health} (the seed's "overall system health"), beside the
 * api's own: the worst status of the services that have one, known problems first ({@code down}, then
 * {@code degraded}, then {@code monitoring_failed} (the monitor cannot check it), then {@code unknown}, then
 * {@code up}); {@code unknown} while no service has a status.
 *
 * @param status   the worst service status
 * @param services how many services have a status
 * @param counts   services per status, each of {@code up}, {@code degraded}, {@code down},
 *                 {@code monitoring_failed}, {@code unknown}
 * @param notUp    every service whose status is not {@code up}, worst first, then by id
 */
record SystemHealth(String status, int services, Map<String, Integer> counts, List<ServiceHealth> notUp) {

    /** Worst first. */
    private static final List<String> SEVERITY = List.of(ServiceStatus.DOWN.wire(), ServiceStatus.DEGRADED.wire(),
            ServiceStatus.MONITORING_FAILED.wire(), ServiceStatus.UNKNOWN.wire(), ServiceStatus.UP.wire());

    SystemHealth {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        notUp = List.copyOf(notUp);
    }

    /** @param services the health of every service that has a status */
    static SystemHealth of(Collection<ServiceHealth> services) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ServiceStatus status : List.of(ServiceStatus.UP, ServiceStatus.DEGRADED, ServiceStatus.DOWN,
                ServiceStatus.MONITORING_FAILED, ServiceStatus.UNKNOWN)) {
            counts.put(status.wire(), 0);
        }
        // a service under planned maintenance is counted apart and ranks below up: it is no problem to report
        counts.put(MaintenanceCalendar.STATUS, 0);
        services.forEach(service -> counts.merge(service.status(), 1, Integer::sum));
        String worst = services.stream().map(ServiceHealth::status).min(Comparator.comparingInt(SystemHealth::rank))
                .orElse(ServiceStatus.UNKNOWN.wire());
        List<ServiceHealth> notUp = services.stream()
                .filter(service -> !ServiceStatus.UP.wire().equals(service.status()))
                .sorted(Comparator.comparingInt((ServiceHealth s) -> rank(s.status()))
                        .thenComparing(ServiceHealth::service))
                .toList();
        return new SystemHealth(worst, services.size(), counts, notUp);
    }

    private static int rank(String status) {
        int rank = SEVERITY.indexOf(status);
        return rank < 0 ? SEVERITY.size() : rank;
    }
}
