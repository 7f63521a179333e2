package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Writes every acknowledgement this api instance records to the compacted {@code monitor.alert-acks.v1}, keyed by
 * alert id, so every api instance (this one too) applies it to its active alerts and tells its WebSocket clients.
 * The write does not hold up the request: PostgreSQL already has the acknowledgement, and a failed write is logged
 * (the other instances then learn it from PostgreSQL when they start).
 */
@Component
class AckPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AckPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ApiSettings settings;
    private volatile Producer<byte[], byte[]> producer;

    AckPublisher(ApiSettings settings) {
        this.settings = settings;
    }

    @EventListener
    void publish(AlertAcknowledged ack) {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            log.warn("Not publishing the acknowledgement of {}: the api is not running", ack.alertId());
            return;
        }
        try {
            p.send(new ProducerRecord<>(Topics.ALERT_ACKS.name(), ack.alertId().getBytes(StandardCharsets.UTF_8),
                    Json.encode(ack.toRecord())), (metadata, failure) -> {
                        if (failure != null) {
                            log.warn("Publishing the acknowledgement of {} to {} failed; other api instances learn "
                                    + "it at their next start: {}", ack.alertId(), Topics.ALERT_ACKS.name(),
                                    failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            // a send that cannot even be queued (no metadata within max.block.ms, producer closing)
            log.warn("Publishing the acknowledgement of {} to {} failed: {}", ack.alertId(),
                    Topics.ALERT_ACKS.name(), e.toString());
        }
    }

    @Override
    public void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "monitor-api-acks",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the acknowledging request waits at most this long for the topic's metadata on a down broker
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.dependencyTimeout().multipliedBy(5).toMillis(),
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
