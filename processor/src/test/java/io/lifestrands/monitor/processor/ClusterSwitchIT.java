package io.lifestrands.monitor.processor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.RestartableKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone's old trap: a state directory that outlives its broker. The processor runs against cluster A, stops,
 * and starts with the same state directory against a fresh cluster B; its stores must start empty there.
 */
class ClusterSwitchIT {

    @TempDir
    Path stateDir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String service = "switch-" + id;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(ClusterStamp.class)).addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(ClusterStamp.class)).detachAppender(logged);
    }

    @Test
    void stateOfAnotherClusterIsWipedAndTheProcessorRunsOnTheNewOne() throws Exception {
        String clusterA;
        try (RestartableKafka kafkaA = RestartableKafka.start()) {
            clusterA = clusterId(kafkaA.bootstrapServers());
            createTopics(kafkaA.bootstrapServers());
            try (MonitorProcessor processor = MonitorProcessor.start(settings(kafkaA.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
                // an operator deletes a rule: A's rules topic is now one record longer than a freshly seeded one, so
                // the global store's checkpoint points past the end of B's topic
                retireRule(kafkaA.bootstrapServers(), "retired-" + id);
                produceUpProbe(kafkaA.bootstrapServers());

                assertThat(statusChanges(kafkaA.bootstrapServers())).containsExactly(
                        ServiceStatus.UNKNOWN + "->" + ServiceStatus.UP);
                await().atMost(Duration.ofSeconds(30)).until(() -> globalRulesConsumed(processor),
                        consumed -> consumed >= DefaultRules.all().size() + 1);
            }
        }
        logged.list.clear();

        try (RestartableKafka kafkaB = RestartableKafka.start()) {
            String clusterB = clusterId(kafkaB.bootstrapServers());
            createTopics(kafkaB.bootstrapServers());
            try (MonitorProcessor processor = MonitorProcessor.start(settings(kafkaB.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
                produceUpProbe(kafkaB.bootstrapServers());

                // with A's status store the service would already be up on B, and no change would be sent
                assertThat(statusChanges(kafkaB.bootstrapServers())).containsExactly(
                        ServiceStatus.UNKNOWN + "->" + ServiceStatus.UP);
                assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
                // the stamp handled the switch before the start, not the supervisor after a crash
                assertThat(processor.restarts()).isZero();
                assertThat(clusterB).isNotEqualTo(clusterA);
                assertThat(new ClusterStamp(stateDir, applicationId()).read()).contains(clusterB);
                assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                        .extracting(ILoggingEvent::getFormattedMessage).asString()
                        .contains(clusterA, clusterB, stateDir.resolve(applicationId()).toString());
            }
        }
    }

    private ProcessorSettings settings(String bootstrap) {
        return ProcessorSettings.defaults(bootstrap).withApplication(applicationId(), stateDir);
    }

    private String applicationId() {
        return "monitor-processor-switch-" + id;
    }

    private void produceUpProbe(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), service.getBytes(StandardCharsets.UTF_8),
                    Json.encode(Sample.probe("switch-host", service, Instant.now(), true, 12.0, 200, null)))).get();
        }
    }

    private static void retireRule(String bootstrap, String rule) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), rule.getBytes(StandardCharsets.UTF_8),
                    null)).get();
        }
    }

    /** This service's status changes as {@code old->new}, once the first one has arrived. */
    private List<String> statusChanges(String bootstrap) {
        List<String> changes = new ArrayList<>();
        try (KafkaConsumer<String, StatusChange> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "switch-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.STATUS.keySerde().deserializer(), Topics.STATUS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.STATUS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (service.equals(r.key())) {
                        changes.add(r.value().oldStatus() + "->" + r.value().newStatus());
                    }
                });
                return !changes.isEmpty();
            });
        }
        return changes;
    }

    /** Records of the rules topic read by the global consumer, which reads only the global stores' topics. */
    private static double globalRulesConsumed(MonitorProcessor processor) {
        String topicTag = Topics.ALERT_RULES.name().replace('.', '_');
        return processor.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("records-consumed-total")
                        && e.getKey().tags().getOrDefault("client-id", "").endsWith("-global-consumer")
                        && topicTag.equals(e.getKey().tags().get("topic")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The catalog's topics on a fresh broker, readable before the processor starts: its rule seeding describes the
     * rules topic right after creating it, which a broker may not have heard of yet (UnknownTopicOrPartition).
     */
    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Topics.createMissing(admin, (short) 1);
            TopicPartition rules = new TopicPartition(Topics.ALERT_RULES.name(), 0);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    admin.listOffsets(Map.of(rules, OffsetSpec.latest())).all().get().containsKey(rules));
        }
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get();
        }
    }
}
