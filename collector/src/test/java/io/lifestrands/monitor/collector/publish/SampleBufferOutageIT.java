package io.lifestrands.monitor.collector.publish;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.RestartableKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker stopped for 60 s and started again on the same port with the same data: probe samples offered meanwhile
 * at twice the default probe rate all arrive; a buffer too small for the outage (the negative control) drops, and
 * counts and logs exactly as many as did not arrive.
 */
class SampleBufferOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final long OFFER_EVERY_MS = 500;
    private static final int TINY_CAPACITY = 10;

    private final AtomicInteger produced = new AtomicInteger();
    private final Set<Integer> normalSeen = ConcurrentHashMap.newKeySet();
    private final Set<Integer> tinySeen = ConcurrentHashMap.newKeySet();

    @Test
    void samplesOfASixtySecondOutageArriveAndOnlyAnUndersizedBufferDropsCountingExactly() throws Exception {
        ListAppender<ILoggingEvent> log = capture();
        try (RestartableKafka kafka = RestartableKafka.start()) {
            String topic = "outage." + UUID.randomUUID();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            SampleBuffer normal = buffer(kafka, topic, "normal", 20_000);
            SampleBuffer tiny = buffer(kafka, topic, "tiny", TINY_CAPACITY);
            ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
            generator.scheduleAtFixedRate(() -> {
                int seq = produced.incrementAndGet();
                normal.offer(sample("outage_normal", seq));
                tiny.offer(sample("outage_tiny", seq));
            }, 0, OFFER_EVERY_MS, TimeUnit.MILLISECONDS);
            try (KafkaConsumer<String, Sample> consumer = consumer(kafka, topic)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> poll(consumer) && normalSeen.size() >= 4);

                kafka.stopBroker();
                // the outage itself: nothing to wait for, the broker is simply gone for this long
                Thread.sleep(OUTAGE.toMillis());
                kafka.startBroker();
                Thread.sleep(2 * OFFER_EVERY_MS);
                generator.shutdown();
                assertThat(generator.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

                int total = produced.get();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    poll(consumer);
                    assertThat(normalSeen.size()).as("samples of the default buffer on the topic").isEqualTo(total);
                    assertThat(tiny.size()).as("samples still waiting in the tiny buffer").isZero();
                });
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> poll(consumer));

                assertThat(total).isGreaterThan((int) (OUTAGE.toMillis() / OFFER_EVERY_MS));
                assertThat(normalSeen).hasSize(total);
                assertThat(normal.dropped()).isZero();
                assertThat(tiny.dropped()).isGreaterThan(total / 2);
                assertThat(tinySeen.size() + tiny.dropped()).isEqualTo(total);
                assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                        .contains("Kafka accepts samples again; dropped exactly " + tiny.dropped()
                                + " samples while it did not (" + tiny.dropped() + " since start)");
            } finally {
                generator.shutdownNow();
                normal.close();
                tiny.close();
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(SampleBuffer.class)).detachAppender(log);
        }
    }

    private boolean poll(KafkaConsumer<String, Sample> consumer) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            int seq = record.value().metrics().get("seq").intValue();
            (record.key().equals("outage_normal") ? normalSeen : tinySeen).add(seq);
        });
        return true;
    }

    private static SampleBuffer buffer(RestartableKafka kafka, String topic, String name, int capacity) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                SamplePublisher.producerConfig(kafka.bootstrapServers(), "outage-" + name),
                Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer());
        return new SampleBuffer(new SamplePublisher(producer, topic, new SimpleMeterRegistry()), capacity,
                new SimpleMeterRegistry());
    }

    private static KafkaConsumer<String, Sample> consumer(RestartableKafka kafka, String topic) {
        KafkaConsumer<String, Sample> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.SAMPLES.keySerde().deserializer(), Topics.SAMPLES.valueSerde().deserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Sample sample(String service, int seq) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, "outage-host", service,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), true, 1.0, 200, null,
                Map.of("seq", (double) seq), Map.of());
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(SampleBuffer.class)).addAppender(appender);
        return appender;
    }
}
