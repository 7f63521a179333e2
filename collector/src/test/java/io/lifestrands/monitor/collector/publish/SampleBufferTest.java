package io.lifestrands.monitor.collector.publish;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The buffer's rules with a producer the test answers for: re-send in order, drop the oldest, count exactly. */
class SampleBufferTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null,
            Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SampleBuffer buffer;

    @AfterEach
    void close() {
        if (buffer != null) {
            buffer.close(Duration.ZERO);
        }
    }

    @Test
    void sampleKafkaDidNotTakeIsSentAgainBeforeTheNewerOnes() {
        buffer = buffer(100);
        buffer.offer(sample("svc_1"));
        await().atMost(WAIT).until(() -> producer.history().size() == 1);
        buffer.offer(sample("svc_2"));
        buffer.offer(sample("svc_3"));

        producer.errorNext(new TimeoutException("expired"));
        await().atMost(WAIT).until(() -> producer.history().size() == 4);
        for (int i = 0; i < 3; i++) {
            producer.completeNext();
        }

        await().atMost(WAIT).until(() -> buffer.delivered() == 3);
        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactly("svc_1", "svc_1", "svc_2", "svc_3");
        assertThat(buffer.dropped()).isZero();
        assertThat(buffer.size()).isZero();
    }

    @Test
    void fullBufferDropsTheOldestQueuedSampleAndCountsIt() {
        buffer = buffer(3);
        buffer.offer(sample("in_flight"));
        await().atMost(WAIT).until(() -> producer.history().size() == 1);

        for (String service : new String[] {"old_1", "old_2", "new_1", "new_2"}) {
            buffer.offer(sample(service));
        }
        producer.completeNext();
        await().atMost(WAIT).until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.completeNext();

        await().atMost(WAIT).until(() -> buffer.delivered() == 3);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("in_flight", "new_1", "new_2");
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(meters.get("collector.samples.dropped").counter().count()).isEqualTo(2.0);
    }

    @Test
    void sendRefusedAtOnceStopsTheRestOfTheBatch() {
        // what send() does when the producer has no metadata after max.block.ms: every further send would wait too
        producer.sendException = new TimeoutException("metadata not available");
        buffer = buffer(100);
        for (int i = 0; i < 5; i++) {
            buffer.offer(sample("svc_" + i));
        }

        await().atMost(WAIT).until(() -> failures() >= 2);

        assertThat(failures()).isLessThanOrEqualTo(3.0);
        assertThat(buffer.size()).isEqualTo(5);
    }

    private double failures() {
        return meters.get("collector.publish.failures").counter().count();
    }

    private SampleBuffer buffer(int capacity) {
        return new SampleBuffer(new SamplePublisher(producer, "samples", meters), capacity, meters);
    }

    private static Sample sample(String service) {
        return Sample.probe("h", service, T0, true, 1.0, 200, null);
    }
}
