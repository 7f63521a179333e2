package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorHeartbeatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRunningInstanceWithoutFailureLeavesTheReasonOut() {
        ProcessorHeartbeat running = new ProcessorHeartbeat(null, "host-1-3f2a9c1d", "monitor-processor",
                ProcessorHeartbeat.RUNNING, T0, T0.plusSeconds(5), 0, null, "cluster-a");

        String json = Json.write(running);

        assertThat(running.v()).isEqualTo(ProcessorHeartbeat.VERSION);
        assertThat(json).doesNotContain("reason").contains("\"application_id\":\"monitor-processor\"");
        assertThat(Json.read(json, ProcessorHeartbeat.class)).isEqualTo(running);
    }

    @Test
    void acceptsAStateOfALaterKafkaVersionButNoFreeText() {
        assertThat(heartbeat("SOME_NEW_STATE").state()).isEqualTo("SOME_NEW_STATE");
        assertThatThrownBy(() -> heartbeat("running")).hasMessageContaining("state must match");
        assertThatThrownBy(() -> heartbeat("")).hasMessageContaining("state must match");
    }

    @Test
    void rejectsNegativeRestartsAndAMissingClusterNamingTheField() {
        assertThatThrownBy(() -> new ProcessorHeartbeat(null, "i", "app", "RUNNING", T0, T0, -1, null, "c"))
                .hasMessageContaining("restarts must be >= 0");
        assertThatThrownBy(() -> new ProcessorHeartbeat(null, "i", "app", "RUNNING", T0, T0, 0, null, null))
                .hasMessageContaining("cluster_id");
        assertThatThrownBy(() -> new ProcessorHeartbeat(null, "a b", "app", "RUNNING", T0, T0, 0, null, "c"))
                .hasMessageContaining("instance must match");
    }

    private static ProcessorHeartbeat heartbeat(String state) {
        return new ProcessorHeartbeat(null, "i", "app", state, T0, T0, 0, null, "c");
    }
}
