package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reports a change of what only the api configures (its notification settings) as a {@link ConfigChange} event on
 * {@code monitor.samples.v1}, keyed {@value ConfigChange#SERVICE}; the processor's {@code configuration_change} rule
 * makes an info alert of it. Rule changes are not reported here: the processor sees them on the rules topic.
 */
class ConfigChangePublisher implements AutoCloseable {

    /** The host the api's own samples carry, as its debug injections do. */
    static final String HOST = "monitor-api";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ConfigChangePublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Clock clock;

    ConfigChangePublisher(String bootstrapServers, Clock clock) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "monitor-api-config-changes",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the change is stored already: a down broker must hold the request that made it only briefly
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.clock = clock;
    }

    /**
     * Sends one event for {@code change} at the clock's now and waits up to {@link #SEND_TIMEOUT} for the broker, so
     * that the change is on the topic when the request that made it returns; a failure is logged, not thrown (the
     * change itself is stored already).
     */
    void publish(ConfigChange change) {
        Sample event = change.toSample(HOST, clock.instant());
        try {
            producer.send(new ProducerRecord<>(Topics.SAMPLES.name(),
                    ConfigChange.SERVICE.getBytes(StandardCharsets.UTF_8), Json.encode(event)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Configuration change {} {} not reported: interrupted", change.subject(),
                    change.change().wireName());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Configuration change {} {} not reported to {}: {}", change.subject(),
                    change.change().wireName(), Topics.SAMPLES.name(), e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
