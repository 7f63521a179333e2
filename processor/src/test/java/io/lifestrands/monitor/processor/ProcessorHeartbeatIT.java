package io.lifestrands.monitor.processor;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.RestartableKafka;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heartbeats of a running processor on {@code monitor.processor-health.v1}: RUNNING while it runs, NOT_RUNNING
 * after a close, and ERROR with the cause when its Streams client is forced into ERROR, then RUNNING again once the
 * supervisor has replaced the client.
 */
class ProcessorHeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final List<ProcessorHeartbeat> received = new ArrayList<>();

    @Test
    void aRunningProcessorSaysSoEveryIntervalAndNotRunningAfterClose() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String instance;
        try (KafkaConsumer<String, ProcessorHeartbeat> heartbeats = heartbeats(bootstrap)) {
            try (MonitorProcessor processor = MonitorProcessor.start(settings(bootstrap))) {
                instance = processor.instance();
                await().atMost(WAIT).until(() -> processor.state() == KafkaStreams.State.RUNNING);

                // the one sent at the change to RUNNING, then the repeats
                await().atMost(WAIT).until(() -> poll(heartbeats, instance).stream()
                        .filter(heartbeat -> heartbeat.state().equals(ProcessorHeartbeat.RUNNING))
                        .map(ProcessorHeartbeat::ts).distinct().count() >= 2);
            }
            await().atMost(WAIT).until(() -> last(poll(heartbeats, instance)).state(),
                    ProcessorHeartbeat.NOT_RUNNING::equals);
        }

        ProcessorHeartbeat running = received.stream()
                .filter(heartbeat -> heartbeat.state().equals(ProcessorHeartbeat.RUNNING)).findFirst().orElseThrow();
        assertThat(running.applicationId()).isEqualTo(applicationId());
        assertThat(running.clusterId()).isEqualTo(clusterId(bootstrap));
        assertThat(running.restarts()).isZero();
        assertThat(running.reason()).isNull();
        assertThat(running.since()).isBeforeOrEqualTo(running.ts());
        assertThat(received).extracting(ProcessorHeartbeat::state).doesNotContain(ProcessorHeartbeat.ERROR);
    }

    /**
     * An operator deletes and re-creates the rules topic while the processor runs: the global consumer's position now
     * lies past the new topic's end, the global thread dies ("Updating global state failed due to inconsistent local
     * state") and the client goes to ERROR. A broker of its own, as the rules topic of the shared one serves others.
     */
    @Test
    void aClientForcedIntoErrorIsReportedWithItsCauseAndThenRunsAgain() throws Exception {
        try (RestartableKafka kafka = RestartableKafka.start();
             KafkaConsumer<String, ProcessorHeartbeat> heartbeats = heartbeats(kafka.bootstrapServers())) {
            createTopics(kafka.bootstrapServers());
            try (MonitorProcessor processor = MonitorProcessor.start(settings(kafka.bootstrapServers()))) {
                String instance = processor.instance();
                await().atMost(WAIT).until(() -> processor.state() == KafkaStreams.State.RUNNING);

                recreateRulesTopic(kafka.bootstrapServers());

                await().atMost(WAIT).until(() -> poll(heartbeats, instance).stream()
                        .anyMatch(heartbeat -> heartbeat.state().equals(ProcessorHeartbeat.ERROR)));
                await().atMost(WAIT).until(() -> last(poll(heartbeats, instance)),
                        heartbeat -> heartbeat.state().equals(ProcessorHeartbeat.RUNNING) && heartbeat.restarts() == 1);
                assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(processor.restarts()).isEqualTo(1);
            }
        }

        ProcessorHeartbeat error = received.stream()
                .filter(heartbeat -> heartbeat.state().equals(ProcessorHeartbeat.ERROR)).findFirst().orElseThrow();
        assertThat(error.restarts()).as("the restart is still pending").isZero();
        assertThat(error.reason()).contains("StreamsException", "Updating global state failed",
                "OffsetOutOfRangeException", Topics.ALERT_RULES.name());
        assertThat(received).extracting(ProcessorHeartbeat::state).containsSubsequence(ProcessorHeartbeat.RUNNING,
                ProcessorHeartbeat.ERROR, ProcessorHeartbeat.REBALANCING, ProcessorHeartbeat.RUNNING);
    }

    private ProcessorSettings settings(String bootstrap) {
        return ProcessorSettings.defaults(bootstrap).withApplication(applicationId(), stateDir);
    }

    private String applicationId() {
        return "monitor-processor-beat-" + id;
    }

    /** Every heartbeat on the topic from its beginning, of every instance: the test filters by instance. */
    private static KafkaConsumer<String, ProcessorHeartbeat> heartbeats(String bootstrap) {
        KafkaConsumer<String, ProcessorHeartbeat> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "heartbeat-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.PROCESSOR_HEALTH.keySerde().deserializer(), Topics.PROCESSOR_HEALTH.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.PROCESSOR_HEALTH.name()));
        return consumer;
    }

    /** Adds what arrived of {@code instance} to {@link #received} and returns all of it so far. */
    private List<ProcessorHeartbeat> poll(KafkaConsumer<String, ProcessorHeartbeat> consumer, String instance) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (instance.equals(record.key())) {
                received.add(record.value());
            }
        });
        return received;
    }

    private static ProcessorHeartbeat last(List<ProcessorHeartbeat> heartbeats) {
        return heartbeats.isEmpty() ? null : heartbeats.get(heartbeats.size() - 1);
    }

    private static void recreateRulesTopic(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.deleteTopics(List.of(Topics.ALERT_RULES.name())).all().get();
            // deletion completes in the background; until then the catalog cannot create the topic again
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                Topics.createMissing(admin, (short) 1);
                return readable(admin);
            });
        }
    }

    /** The catalog's topics, readable before the processor starts (see ClusterSwitchIT#createTopics). */
    private static void createTopics(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            Topics.createMissing(admin, (short) 1);
            await().atMost(WAIT).ignoreExceptions().until(() -> readable(admin));
        }
    }

    private static boolean readable(Admin admin) throws Exception {
        TopicPartition rules = new TopicPartition(Topics.ALERT_RULES.name(), 0);
        return admin.listOffsets(Map.of(rules, OffsetSpec.latest())).all().get().containsKey(rules);
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
