package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Collection;
import java.util.List;

/**
 * Combines the views of several collectors of one service: {@code down} only when at least N of the M collectors
 * that reported recently see it down (N configured, default a majority of M, never more than M); {@code degraded}
 * when any of them sees it down or degraded; else {@code up}. With one collector this is that collector's view. A
 * collector that could not perform its check ({@code monitoring_failed}) has no view and does not count among the
 * M; when no collector has one, the service is {@code monitoring_failed}.
 *
 * @param configured N, or 0 for a majority
 */
record Quorum(int configured) {

    Quorum {
        if (configured < 0) {
            throw new IllegalArgumentException("quorum must be >= 0 (0 = majority), was " + configured);
        }
    }

    /** N for {@code voters} collectors. */
    int needed(int voters) {
        return configured == 0 ? voters / 2 + 1 : Math.min(configured, voters);
    }

    /** @throws IllegalArgumentException when there are no votes */
    ServiceStatus decide(Collection<ServiceStatus> votes) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("at least one collector's view is needed");
        }
        List<ServiceStatus> views = views(votes);
        if (views.isEmpty()) {
            return ServiceStatus.MONITORING_FAILED;
        }
        long down = views.stream().filter(v -> v == ServiceStatus.DOWN).count();
        if (down >= needed(views.size())) {
            return ServiceStatus.DOWN;
        }
        boolean unhealthy = views.stream().anyMatch(v -> v == ServiceStatus.DOWN || v == ServiceStatus.DEGRADED);
        return unhealthy ? ServiceStatus.DEGRADED : ServiceStatus.UP;
    }

    /** Why the combined status differs from the reporting collector's, e.g. {@code down for 1 of 2 collectors}. */
    String describe(Collection<ServiceStatus> votes) {
        List<ServiceStatus> views = views(votes);
        long down = views.stream().filter(v -> v == ServiceStatus.DOWN).count();
        return "down for " + down + " of " + views.size() + " collectors (quorum " + needed(views.size()) + ")";
    }

    /** The votes of the collectors that could perform their check. */
    private static List<ServiceStatus> views(Collection<ServiceStatus> votes) {
        return votes.stream().filter(v -> v != ServiceStatus.MONITORING_FAILED).toList();
    }
}
