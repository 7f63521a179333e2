package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;

class LiveStateTest {

    private final LiveState state = new LiveState();

    @Test
    void keepsTheNewestStatusAndIgnoresReplays() {
        var down = change("gateway", ServiceStatus.UP, ServiceStatus.DOWN, T0.plusSeconds(30));

        assertThat(state.applyStatus(down)).isTrue();
        assertThat(state.applyStatus(down)).isFalse();
        assertThat(state.applyStatus(change("gateway", ServiceStatus.UNKNOWN, ServiceStatus.UP, T0))).isFalse();
        assertThat(state.health("gateway").status()).isEqualTo("down");
        assertThat(state.health("gateway").since()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void serviceKnownOnlyFromWindowsIsUnknown() {
        state.applyWindow(window("npc_service", "latency_ms", T0, 10));

        assertThat(state.knows("npc_service")).isTrue();
        assertThat(state.healthOfAll()).containsOnlyKeys("npc_service");
        assertThat(state.health("npc_service").status()).isEqualTo("unknown");
    }

    @Test
    void olderWindowOfASeriesDoesNotReplaceANewerOne() {
        var newer = window("gateway", "latency_ms", T0.plus(Duration.ofMinutes(1)), 10);

        state.applyWindow(newer);

        assertThat(state.applyWindow(window("gateway", "latency_ms", T0, 99))).isFalse();
        assertThat(state.window(newer.key())).contains(newer);
    }
}
