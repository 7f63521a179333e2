package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.Collection;

/**
 * Combines the views of several collectors of one service: {@code down} only when at least N of the M collectors
 * that reported recently see it down (N configured, default a majority of M, never more than M); {@code degraded}
 * when any of them sees it down or degraded; else {@code up}. With one collector this is that collector's view.
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
        long down = votes.stream().filter(v -> v == ServiceStatus.DOWN).count();
        if (down >= needed(votes.size())) {
            return ServiceStatus.DOWN;
        }
        boolean unhealthy = votes.stream().anyMatch(v -> v == ServiceStatus.DOWN || v == ServiceStatus.DEGRADED);
        return unhealthy ? ServiceStatus.DEGRADED : ServiceStatus.UP;
    }

    /** Why the combined status differs from the reporting collector's, e.g. {@code down for 1 of 2 collectors}. */
    String describe(Collection<ServiceStatus> votes) {
        long down = votes.stream().filter(v -> v == ServiceStatus.DOWN).count();
        return "down for " + down + " of " + votes.size() + " collectors (quorum " + needed(votes.size()) + ")";
    }
}
