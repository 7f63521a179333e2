package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a silence to the compacted {@code monitor.silences.v1} and waits for the broker: the topic is the only copy,
 * so a request is answered only once its silence is stored.
 */
@Component
class SilencePublisher {

    private final ApiProducer producer;

    SilencePublisher(ApiProducer producer) {
        this.producer = producer;
    }

    /** @throws IllegalStateException when the broker did not store it within twice the producer's bound */
    void publish(Silence silence) {
        try {
            producer.send(Topics.SILENCES.name(), silence.id(), Json.encode(silence), null)
                    .get(producer.bound().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing silence " + silence.id(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka did not store silence " + silence.id() + ": " + e, e);
        }
    }
}
