package io.lifestrands.monitor.processor.consistency;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistencySettingsTest {

    private static final Duration STATUS = Duration.ofSeconds(30);

    @Test
    void theVariablesSetTheThresholdsAndTheirAbsenceGivesTheDefaults() {
        ConsistencySettings set = ConsistencySettings.fromEnv(Map.of("MONITOR_CONSISTENCY_ERROR_RATE", "0.5",
                "MONITOR_CONSISTENCY_MIN_REQUESTS", "40"), STATUS);

        assertThat(set.errorRate()).isEqualTo(0.5);
        assertThat(set.minRequests()).isEqualTo(40);
        assertThat(ConsistencySettings.fromEnv(Map.of(), STATUS)).isEqualTo(ConsistencySettings.defaults(STATUS));
    }

    @Test
    void anInvalidValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConsistencySettings.fromEnv(Map.of("MONITOR_CONSISTENCY_ERROR_RATE", "1.5"), STATUS))
                .hasMessageContaining("MONITOR_CONSISTENCY_ERROR_RATE");
        assertThatThrownBy(() -> ConsistencySettings.fromEnv(Map.of("MONITOR_CONSISTENCY_MIN_REQUESTS", "0"), STATUS))
                .hasMessageContaining("MONITOR_CONSISTENCY_MIN_REQUESTS");
    }
}
