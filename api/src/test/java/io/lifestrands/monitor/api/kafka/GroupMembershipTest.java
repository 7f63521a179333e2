package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.api.ApiYaml;
import io.lifestrands.monitor.api.TestSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The history consumer, a group member, carries monitor.api.consumer-session-timeout; the live one has no group. */
class GroupMembershipTest {

    @Test
    void theHistoryConsumerUsesTheConfiguredSessionTimeoutWithHeartbeatsWithinIt() {
        Map<String, Object> tenSeconds = Consumers.member(TestSettings.api(Duration.ofSeconds(10)), "history",
                "monitor-api-history");
        Map<String, Object> sixSeconds = Consumers.member(TestSettings.api(Duration.ofSeconds(6)), "history",
                "monitor-api-history");

        assertThat(tenSeconds).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        assertThat(sixSeconds).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        assertThat(Consumers.groupless(TestSettings.api(Duration.ofSeconds(10)), "live"))
                .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    }

    @Test
    void aZeroSessionTimeoutIsRefusedAtStartUp() {
        ApiYaml.settings("monitor.api.consumer-session-timeout=0s").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("monitor.api.consumer-session-timeout"));
    }
}
