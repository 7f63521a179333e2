package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.ServiceStatus;

/**
 * What the status processor saw of one service after a probe, for the consistency checks: the combined status and
 * how many of the collectors that voted see it down and how many up.
 *
 * @param eventTimeMs event time of the probe
 */
public record StatusView(String service, ServiceStatus status, int down, int up, long eventTimeMs) {

    /** Whether some collectors see the service down while others see it up. */
    public boolean split() {
        return down > 0 && up > 0;
    }
}
