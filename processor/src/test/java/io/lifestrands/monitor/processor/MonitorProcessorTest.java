package io.lifestrands.monitor.processor;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorProcessorTest {

    @Test
    void startFromEnvReadsTheAlertVariables() {
        // no broker listens on port 1: the alert settings must be read before anything connects
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:1",
                "MONITOR_ALERT_DEPENDENCIES", "gateway=not a service id");

        assertThatThrownBy(() -> MonitorProcessor.startFromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MONITOR_ALERT_DEPENDENCIES")
                .hasMessageContaining("gateway=not a service id");
    }

    @Test
    void startFromEnvReadsTheProcessorVariables() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "MONITOR_WINDOW_GRACE", "soon");

        assertThatThrownBy(() -> MonitorProcessor.startFromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MONITOR_WINDOW_GRACE");
    }
}
