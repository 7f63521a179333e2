package io.lifestrands.monitor.collector.probe;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a health body's {@code status} string. Services say "healthy", "ok", "up", "degraded", "warning" and so on;
 * only the words below mean the service itself reports it is not working. Degraded services are up: the processor
 * turns label {@code health=degraded} into status DEGRADED.
 */
final class HealthStatus {

    private static final Set<String> NOT_WORKING = Set.of("unhealthy", "down", "error", "fail", "failed", "failing",
            "critical", "dead", "unavailable", "stopped", "offline");

    private HealthStatus() {
    }

    static boolean working(String status) {
        return !NOT_WORKING.contains(status.trim().toLowerCase(Locale.ROOT));
    }
}
