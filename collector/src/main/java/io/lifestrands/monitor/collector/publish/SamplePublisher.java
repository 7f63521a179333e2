package io.lifestrands.monitor.collector.publish;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes samples to the samples topic, keyed by service id so one service's samples stay in order. The producer is
 * idempotent with {@code acks=all}: a completed future means the sample is durably in Kafka.
 */
public final class SamplePublisher implements AutoCloseable {

    /** How long a send may take in total before its future fails. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SamplePublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Timer latency;
    private final Counter failures;

    /**
     * @param meters where {@code collector.publish.latency} (send to acknowledgement) and
     *               {@code collector.publish.failures} are recorded
     */
    public SamplePublisher(Producer<String, byte[]> producer, String topic, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.latency = Timer.builder("collector.publish.latency")
                .description("time from send to Kafka's acknowledgement").register(meters);
        this.failures = Counter.builder("collector.publish.failures")
                .description("sends Kafka did not acknowledge").register(meters);
    }

    /** A publisher with its own {@link KafkaProducer} configured from the settings. */
    public static SamplePublisher connect(CollectorSettings settings, MeterRegistry meters) {
        return new SamplePublisher(new KafkaProducer<>(producerConfig(settings),
                Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer()),
                settings.samplesTopic(), meters);
    }

    /** Producer settings for a bootstrap address and client id; what {@link #connect} uses. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a few ms of batching lets an /ingest batch share requests without delaying probe samples noticeably
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // with the broker gone, /ingest answers 503 after this instead of holding the request for a minute
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        // a returning broker is found within a second or two, not after the default 1 s doubling to 10 s
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return config;
    }

    static Map<String, Object> producerConfig(CollectorSettings settings) {
        return producerConfig(settings.bootstrapServers(), "collector-" + settings.hostId());
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
        return publish(sample.service(), Json.encode(sample));
    }

    /**
     * Sends one sample already encoded as the topic's JSON; {@code /ingest} passes the client's own bytes of a
     * sample it validated, saving the decode-encode round trip.
     *
     * @param service the sample's service id, the record key
     * @param json    UTF-8 JSON that {@code Json.decode(json, Sample.class)} accepts
     * @return completes when Kafka acknowledged the sample, or fails with the reason it could not be written
     */
    public CompletableFuture<RecordMetadata> publish(String service, byte[] json) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(topic, service, json), (metadata, error) -> {
                if (error == null) {
                    latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    recovered();
                    acked.complete(metadata);
                } else {
                    failures.increment();
                    failed(error);
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            failures.increment();
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
