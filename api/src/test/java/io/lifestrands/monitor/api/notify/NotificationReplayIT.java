package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.lifestrands.monitor.api.notify.NotifyFixtures.firing;
import static io.lifestrands.monitor.api.notify.NotifyFixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R10's notification part: an api restarted on the same PostgreSQL that replays the alerts topic from offset 0
 * sends nothing again, and a delivery still failing when the first api stopped is delivered by the next, once.
 */
class NotificationReplayIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final String rule = "replay_" + UUID.randomUUID().toString().substring(0, 8);
    private Receiver receiver;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers()));
    }

    @AfterEach
    void stop() {
        receiver.close();
        admin.close();
    }

    @Test
    void restartAndFullReplayNeitherRepeatNorLoseNotifications() throws Exception {
        String pendingRule = "pending_" + UUID.randomUUID().toString().substring(0, 8);
        receiver.answer(r -> r.body().contains(pendingRule), (request, n) -> Receiver.Answer.of(503));
        String database;
        try (ApiFixture first = new ApiFixture(settings(Map.of()))) {
            database = first.databaseUrl();
            IntStream.range(0, 5).forEach(i -> produce(first, firing(rule + "-" + i, rule, Severity.WARNING)));
            IntStream.range(0, 2).forEach(i -> produce(first, resolved(rule + "-" + i, rule, Severity.WARNING)));
            produce(first, firing(pendingRule, pendingRule, Severity.WARNING));

            await().atMost(BOUND).until(() -> first.count("select count(*) from notification_deliveries where "
                    + "rule = ? and status = 'sent'", rule) == 14);
            await().atMost(BOUND).until(() -> receiver.requests("/webhook", pendingRule).size() >= 2);
        }
        int sentBefore = receiver.requests("/slack", rule).size() + receiver.requests("/webhook", rule).size();
        receiver.reset();
        receiver.clear();

        // same history, a new consumer group: every transition on the topic is consumed again from offset 0
        String replayGroup = "api-it-notify-replay-" + UUID.randomUUID();
        try (ApiFixture second = new ApiFixture(settings(Map.of("monitor.api.database-url", database,
                "monitor.api.notify.group-id", replayGroup)))) {
            await().atMost(BOUND).until(() -> caughtUp(replayGroup));
            await().atMost(BOUND).until(() -> receiver.requests("/webhook", pendingRule).size() == 1
                    && receiver.requests("/slack", pendingRule).size() == 1);

            await().during(Duration.ofSeconds(2)).atMost(BOUND).until(() -> receiver.requests("/webhook",
                    pendingRule).size() == 1 && receiver.requests("/slack", rule).isEmpty()
                    && receiver.requests("/webhook", rule).isEmpty());
        }
        assertThat(sentBefore).isBetween(1, 14);
    }

    private Map<String, Object> settings(Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "monitor.api.notify.slack-webhook", receiver.url("/slack"),
                "monitor.api.notify.webhook-url", receiver.url("/webhook"),
                "monitor.api.notify.allowed-hosts", "127.0.0.1:" + receiver.port(),
                "monitor.api.notify.group-wait", "200ms",
                "monitor.api.notify.group-interval", "1s",
                "monitor.api.notify.group-by", "rule",
                "monitor.api.notify.tick", "100ms",
                "monitor.api.notify.retry-initial-delay", "200ms",
                "monitor.api.notify.retry-max-delay", "500ms"));
        props.putAll(more);
        return props;
    }

    private static void produce(ApiFixture api, AlertEvent event) {
        api.send(Topics.ALERTS.name(), event.fingerprint(), Json.encode(event));
    }

    /** Whether {@code group} has committed up to the current end of every alerts partition. */
    private boolean caughtUp(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, Topics.ALERTS.partitions()).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.ALERTS.name(), p), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || (committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
    }
}
