package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes an SLO (or its tombstone) to the compacted {@code monitor.slos.v1} and waits for the broker: the topic is
 * the only copy, so a request is answered only once it is stored.
 */
@Component
class SloPublisher {

    private final ApiProducer producer;

    SloPublisher(ApiProducer producer) {
        this.producer = producer;
    }

    void publish(Slo slo) {
        store(slo.id(), Json.encode(slo));
    }

    void delete(String id) {
        store(id, null);
    }

    /** @throws IllegalStateException when the broker did not store it within twice the producer's bound */
    private void store(String id, byte[] value) {
        try {
            producer.send(Topics.SLOS.name(), id, value, null)
                    .get(producer.bound().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing SLO " + id, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka did not store SLO " + id + ": " + e, e);
        }
    }
}
