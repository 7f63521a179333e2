package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer loop against a real broker, with a handler that fails like a down database would. */
class TopicConsumerIT {

    private static final int RECORDS = 50;

    private final String topic = "api-it-consumer-" + UUID.randomUUID();
    private final String group = "api-it-consumer-" + UUID.randomUUID();
    private final String bootstrap = TestServers.kafka().bootstrapServers();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final PipelineStats stats = new PipelineStats(Clock.systemUTC());
    private volatile boolean databaseDown = true;
    private Admin admin;
    private TopicConsumer consumer;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        consumer = new TopicConsumer("test", () -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                c -> c.subscribe(List.of(topic)), true, this::handle,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), stats);
    }

    @AfterEach
    void stop() {
        consumer.stop();
        admin.close();
    }

    @Test
    void failingHandlerPausesConsumptionAndLosesNothing() throws Exception {
        consumer.start();
        produce(RECORDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> stats.retryingConsumers().getOrDefault("test", 0) >= 3);
        assertThat(committedTotal()).isZero();
        assertThat(handled).isEmpty();

        databaseDown = false;

        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal() == RECORDS);
        assertThat(handled).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, RECORDS).mapToObj(Integer::toString).toList());
        assertThat(stats.retryingConsumers()).isEmpty();
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        if (databaseDown) {
            throw new IllegalStateException("database down");
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            handled.add(new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    private void produce(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, Integer.toString(i)));
            }
        }
    }

    private long committedTotal() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return committed.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
