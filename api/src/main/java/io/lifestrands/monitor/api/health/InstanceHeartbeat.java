package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;

import java.util.Objects;

/**
 * What the api knows of one processor instance from its heartbeats.
 *
 * @param latest        its latest heartbeat
 * @param failedRunning the heartbeat in which its client was last seen failing ({@code ERROR} or
 *                      {@code PENDING_ERROR}) while it has not been {@code RUNNING} again; null when none, so a
 *                      client that is still starting after a failure can be told from a routine rebalance
 */
public record InstanceHeartbeat(ProcessorHeartbeat latest, ProcessorHeartbeat failedRunning) {

    public InstanceHeartbeat {
        Objects.requireNonNull(latest, "latest");
    }

    /** The instance after {@code heartbeat}, given what was known before it ({@code previous}, null for nothing). */
    static InstanceHeartbeat next(InstanceHeartbeat previous, ProcessorHeartbeat heartbeat) {
        String state = heartbeat.state();
        if (state.equals(ProcessorHeartbeat.ERROR) || state.equals(ProcessorHeartbeat.PENDING_ERROR)) {
            return new InstanceHeartbeat(heartbeat, heartbeat);
        }
        if (state.equals(ProcessorHeartbeat.RUNNING) || state.equals(ProcessorHeartbeat.NOT_RUNNING)
                || previous == null) {
            return new InstanceHeartbeat(heartbeat, null);
        }
        return new InstanceHeartbeat(heartbeat, previous.failedRunning());
    }
}
