package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.TestSettings;
import io.lifestrands.monitor.api.kafka.Consumers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The notify consumer, a group member, carries monitor.api.consumer-session-timeout. */
class NotifyConsumerPropertiesTest {

    @Test
    void theNotifyConsumerUsesTheConfiguredSessionTimeoutWithHeartbeatsWithinIt() {
        assertThat(Consumers.member(TestSettings.api(Duration.ofSeconds(9)), "notify", "notify-group"))
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "notify-group")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 9_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }
}
