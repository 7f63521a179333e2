package io.lifestrands.monitor.processor.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalySettingsTest {

    @Test
    void unsetVariablesTakeTheDefaultsAndPersistenceReadsKOfN() {
        AnomalySettings settings = AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_PERSISTENCE", "4/6",
                "MONITOR_ANOMALY_HISTORY", "120", "MONITOR_ANOMALY_THRESHOLD", "3.5"));

        assertThat(AnomalySettings.fromEnv(Map.of())).isEqualTo(AnomalySettings.defaults());
        assertThat(settings.persistence()).isEqualTo(4);
        assertThat(settings.persistenceWindow()).isEqualTo(6);
        assertThat(settings.history()).isEqualTo(120);
        assertThat(settings.threshold()).isEqualTo(3.5);
        assertThat(settings.warmUp()).isEqualTo(AnomalySettings.DEFAULT_WARM_UP);
    }

    @Test
    void anInvalidValueNamesItsVariable() {
        assertThatThrownBy(() -> AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_PERSISTENCE", "3")))
                .hasMessageContaining("MONITOR_ANOMALY_PERSISTENCE").hasMessageContaining("k/n");
        assertThatThrownBy(() -> AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_PERSISTENCE", "5/3")))
                .hasMessageContaining("MONITOR_ANOMALY_PERSISTENCE");
        assertThatThrownBy(() -> AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_HISTORY", "1000")))
                .hasMessageContaining("MONITOR_ANOMALY_HISTORY must be between 1 and 360");
        assertThatThrownBy(() -> AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_WARM_UP", "61")))
                .hasMessageContaining("MONITOR_ANOMALY_WARM_UP");
        assertThatThrownBy(() -> AnomalySettings.fromEnv(Map.of("MONITOR_ANOMALY_THRESHOLD", "x")))
                .hasMessageContaining("MONITOR_ANOMALY_THRESHOLD is invalid, was 'x'");
    }
}
