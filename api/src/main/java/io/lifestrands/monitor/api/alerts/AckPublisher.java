package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every acknowledgement this api instance records to the compacted {@code monitor.alert-acks.v1}, keyed by
 * alert id, so every api instance (this one too) applies it to its active alerts and tells its WebSocket clients.
 * The write does not hold up the request: PostgreSQL already has the acknowledgement, and a failed write is logged
 * (the other instances then learn it from PostgreSQL when they start).
 */
@Component
class AckPublisher {

    private static final Logger log = LoggerFactory.getLogger(AckPublisher.class);

    private final ApiProducer producer;

    AckPublisher(ApiProducer producer) {
        this.producer = producer;
    }

    @EventListener
    void publish(AlertAcknowledged ack) {
        try {
            producer.send(Topics.ALERT_ACKS.name(), ack.alertId(), Json.encode(ack.toRecord()),
                    (metadata, failure) -> {
                        if (failure != null) {
                            log.warn("Publishing the acknowledgement of {} to {} failed; other api instances learn "
                                    + "it at their next start: {}", ack.alertId(), Topics.ALERT_ACKS.name(),
                                    failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            // a send that cannot even be queued (no metadata within max.block.ms, the api stopping)
            log.warn("Publishing the acknowledgement of {} to {} failed: {}", ack.alertId(),
                    Topics.ALERT_ACKS.name(), e.toString());
        }
    }
}
