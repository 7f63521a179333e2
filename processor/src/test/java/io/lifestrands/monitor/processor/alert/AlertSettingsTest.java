package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.ServiceGraph;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertSettingsTest {

    @Test
    void inhibitionUsesTheOneServiceGraphThatTheApiServesAsTopology() {
        assertThat(AlertSettings.defaults().dependencies()).isSameAs(ServiceGraph.LIFE_STRANDS);
        assertThat(AlertSettings.fromEnv(Map.of()).dependencies()).isSameAs(ServiceGraph.LIFE_STRANDS);
        assertThat(AlertSettings.fromEnv(Map.of(ServiceGraph.VARIABLE, "web=api")).dependencies())
                .isEqualTo(ServiceGraph.fromSetting("web=api"));
    }

    @Test
    void anInvalidGraphNamesTheVariable() {
        assertThatThrownBy(() -> AlertSettings.fromEnv(Map.of(ServiceGraph.VARIABLE, "web")))
                .hasMessageContaining("MONITOR_ALERT_DEPENDENCIES");
    }
}
