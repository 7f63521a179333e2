package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Locale;
import java.util.Set;

/** How a probe sample translates into a service status, and the reason to report with it. */
final class StatusRule {

    static final String HEALTH_LABEL = "health";
    private static final Set<String> DEGRADED_HEALTH = Set.of("degraded", "warning");

    private StatusRule() {
    }

    /**
     * MONITORING_FAILED if the collector could not perform the check; DOWN if not up; DEGRADED if up but status code
     * >= 400 or label {@code health} degraded/warning; else UP.
     */
    static ServiceStatus statusOf(Sample sample) {
        if (sample.failedToMonitor()) {
            return ServiceStatus.MONITORING_FAILED;
        }
        if (!sample.up()) {
            return ServiceStatus.DOWN;
        }
        if (sample.statusCode() != null && sample.statusCode() >= 400) {
            return ServiceStatus.DEGRADED;
        }
        String health = sample.labels().get(HEALTH_LABEL);
        if (health != null && DEGRADED_HEALTH.contains(health.toLowerCase(Locale.ROOT))) {
            return ServiceStatus.DEGRADED;
        }
        return ServiceStatus.UP;
    }

    /** Why the sample has this status; absent for UP. */
    static String reason(Sample sample, ServiceStatus status) {
        if (status == ServiceStatus.UP) {
            return null;
        }
        if (sample.error() != null) {
            return sample.error();
        }
        if (status == ServiceStatus.MONITORING_FAILED) {
            return "monitoring failed";
        }
        if (sample.statusCode() != null && (status == ServiceStatus.DOWN || sample.statusCode() >= 400)) {
            return "status code " + sample.statusCode();
        }
        String health = sample.labels().get(HEALTH_LABEL);
        return health != null ? "health " + health : "probe failed";
    }
}
