package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance's heartbeats in order: a failure is remembered until the instance runs again. */
class InstanceHeartbeatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFailureIsRememberedWhileTheClientStartsAgainAndForgottenOnceItRuns() {
        ProcessorHeartbeat error = heartbeat("ERROR", 0);

        InstanceHeartbeat failed = InstanceHeartbeat.next(InstanceHeartbeat.next(null, heartbeat("RUNNING", 0)),
                error);
        InstanceHeartbeat restarting = InstanceHeartbeat.next(failed, heartbeat("REBALANCING", 1));
        InstanceHeartbeat running = InstanceHeartbeat.next(restarting, heartbeat("RUNNING", 1));

        assertThat(failed.failedRunning()).isEqualTo(error);
        assertThat(restarting.failedRunning()).isEqualTo(error);
        assertThat(running.failedRunning()).isNull();
        assertThat(running.latest().state()).isEqualTo("RUNNING");
    }

    @Test
    void aStoppedInstanceHasNoPendingFailure() {
        InstanceHeartbeat failed = InstanceHeartbeat.next(null, heartbeat("PENDING_ERROR", 0));

        InstanceHeartbeat stopped = InstanceHeartbeat.next(failed, heartbeat("NOT_RUNNING", 0));

        assertThat(failed.failedRunning()).isNotNull();
        assertThat(stopped.failedRunning()).isNull();
    }

    private static ProcessorHeartbeat heartbeat(String state, int restarts) {
        return new ProcessorHeartbeat(null, "a", "monitor-processor", state, T0, T0, restarts, null, "cluster");
    }
}
