package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.api.system.ApiSettings;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The api's producer for what its features write to compacted topics (acknowledgements, silences, maintenance
 * windows): idempotent, {@code acks=all}, started and closed with the application. A send blocks at most five dependency timeouts for a
 * topic's metadata on a down broker.
 */
@Component
public class ApiProducer implements SmartLifecycle {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ApiSettings settings;
    private volatile Producer<byte[], byte[]> producer;

    public ApiProducer(ApiSettings settings) {
        this.settings = settings;
    }

    /** @throws IllegalStateException when the api is not running */
    public Future<RecordMetadata> send(String topic, String key, byte[] value, Callback callback) {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            throw new IllegalStateException("the api is not running");
        }
        return p.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), callback);
    }

    /**
     * Writes a record (a null value is a tombstone) and waits for the broker, for a topic that is the only copy of
     * what a request wrote, so the request is answered only once it is stored.
     *
     * @param what names the record in the exception, e.g. {@code silence 3f0c}
     * @throws IllegalStateException when the broker did not store it within twice {@link #bound()}
     */
    public void store(String topic, String key, byte[] value, String what) {
        try {
            send(topic, key, value, null).get(bound().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing " + what, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka did not store " + what + ": " + e, e);
        }
    }

    /** How long a send may block for metadata; a caller that waits for the broker waits about this long. */
    public Duration bound() {
        return settings.dependencyTimeout().multipliedBy(5);
    }

    @Override
    public void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "monitor-api-producer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) bound().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void stop() {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(CLOSE_TIMEOUT);
        }
    }

    @Override
    public boolean isRunning() {
        return producer != null;
    }
}
