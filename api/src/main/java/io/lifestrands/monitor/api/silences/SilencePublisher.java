package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.stereotype.Component;

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
        producer.store(Topics.SILENCES.name(), silence.id(), Json.encode(silence), "silence " + silence.id());
    }
}
