package io.lifestrands.monitor.api;

import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A plain consumer in the processor's consumer group: to the api's health check, a running processor instance. It is
 * a real member of a real group on the test broker; it reads nothing and commits nothing.
 */
public final class ProcessorInstance implements AutoCloseable {

    private static final Duration JOIN_BOUND = Duration.ofSeconds(60);
    private final KafkaConsumer<byte[], byte[]> consumer;

    private ProcessorInstance(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Joins {@code groupId} and returns once the group assigned this member its partitions, i.e. is stable. */
    public static ProcessorInstance join(String bootstrapServers, String groupId) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                // the rebalance protocol Kafka Streams uses by default, so the group looks like the processor's
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the member polls only to join; it must stay in the group for as long as a test holds it
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SAMPLES.name()));
        await().atMost(JOIN_BOUND).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return new ProcessorInstance(consumer);
    }

    /** Leaves the group, as a stopping processor instance does. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
