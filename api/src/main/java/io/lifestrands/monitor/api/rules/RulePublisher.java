package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes rule changes to the compacted rules topic: the rule under its name, or a tombstone for a removed one. */
class RulePublisher implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Producer<byte[], byte[]> producer;

    RulePublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "monitor-api-rules",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // a PUT waits for the write; it must fail in bounded time when the broker is gone
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes and waits until the broker has every record. */
    void publish(Collection<AlertRule> upserts, Collection<String> removed) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (AlertRule rule : upserts) {
            sends.add(producer.send(record(rule.name(), Json.encode(rule))));
        }
        for (String name : removed) {
            sends.add(producer.send(record(name, null)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rules", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing rules to " + Topics.ALERT_RULES.name() + " failed", e);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String name, byte[] value) {
        return new ProducerRecord<>(Topics.ALERT_RULES.name(), name.getBytes(StandardCharsets.UTF_8), value);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
