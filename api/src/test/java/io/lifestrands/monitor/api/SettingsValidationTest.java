package io.lifestrands.monitor.api;

import io.lifestrands.monitor.api.feed.LiveSettings;
import io.lifestrands.monitor.api.system.ApiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings records refuse bad values at start-up, each violation named with its property. */
class SettingsValidationTest {

    @Test
    void theDefaultsOfApiYamlAreValid() {
        ApiYaml.settings().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ApiSettings.class).consumerSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(LiveSettings.class).pushInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(LiveSettings.class).socketBufferLimit()).isEqualTo(DataSize.ofKilobytes(512));
        });
    }

    @Test
    void everyViolationOfARecordIsReportedTogether() {
        ApiYaml.settings("monitor.api.live.replay-bytes=10B", "monitor.api.live.heartbeat-interval=15s",
                "monitor.api.live.heartbeat-timeout=10s", "monitor.api.live.require-token=true",
                "monitor.api.live.token=", "monitor.api.live.max-sessions=0").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("monitor.api.live.replay-bytes")
                        .hasMessageContaining("monitor.api.live.max-sessions")
                        .hasMessageContaining("heartbeat-timeout must be longer than heartbeat-interval")
                        .hasMessageContaining("token (MONITOR_API_TOKEN) is required when require-token is true"));
    }

    @Test
    void aRefusedTokenIsNotShown() {
        ApiYaml.settings("monitor.api.auth.viewer-token=short-secret").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("monitor.api.auth")
                        .hasMessageContaining("must be at least 16 characters")
                        .hasMessageNotContaining("short-secret"));
    }
}
