package io.lifestrands.monitor.collector.publish;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes samples to the samples topic, keyed by service id so one service's samples stay in order. The producer is
 * idempotent with {@code acks=all}: a completed future means the sample is durably in Kafka.
 */
public final class SamplePublisher implements AutoCloseable {

    /** How long a send may take in total before its future fails. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SamplePublisher.class);

    private final Producer<String, Sample> producer;
    private final String topic;
    private final AtomicBoolean failing = new AtomicBoolean();

    public SamplePublisher(Producer<String, Sample> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A publisher with its own {@link KafkaProducer} configured from the settings. */
    public static SamplePublisher connect(CollectorSettings settings) {
        return new SamplePublisher(new KafkaProducer<>(producerConfig(settings),
                Topics.SAMPLES.keySerde().serializer(), Topics.SAMPLES.valueSerde().serializer()),
                settings.samplesTopic());
    }

    static Map<String, Object> producerConfig(CollectorSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "collector-" + settings.hostId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a few ms of batching lets an /ingest batch share requests without delaying probe samples noticeably
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // with the broker gone, /ingest answers 503 after this instead of holding the request for a minute
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        return config;
    }

    /** The topic samples go to. */
    public String topic() {
        return topic;
    }

    /**
     * Sends one sample.
     *
     * @return completes when Kafka acknowledged the sample, or fails with the reason it could not be written
     */
    public CompletableFuture<RecordMetadata> publish(Sample sample) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, sample.service(), sample), (metadata, error) -> {
                if (error == null) {
                    recovered();
                    acked.complete(metadata);
                } else {
                    failed(error);
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private void failed(Exception error) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Publishing to {} fails: {}", topic, error.toString());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Publishing to {} works again", topic);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
