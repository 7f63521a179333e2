package io.lifestrands.monitor.processor;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MonitorProcessorIT {

    @TempDir
    Path stateDir;

    @Test
    void turnsSamplesIntoAFinalWindowStatusChangesAndDeadLetters() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "it-service-" + id;
        String bootstrap = TestServers.kafka().bootstrapServers();
        // a short grace keeps the wait near the next minute boundary; the window itself is still one minute
        ProcessorSettings settings = ProcessorSettings.defaults(bootstrap)
                .withApplication("monitor-processor-it-" + id, stateDir)
                .withWindowGrace(Duration.ofSeconds(5));

        try (MonitorProcessor processor = MonitorProcessor.start(settings);
             KafkaConsumer<String, MetricWindow> metrics = consumer(bootstrap, Topics.METRICS, id);
             KafkaConsumer<String, StatusChange> status = consumer(bootstrap, Topics.STATUS, id);
             KafkaConsumer<byte[], byte[]> dlq = consumer(bootstrap, Topics.DLQ, id)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
            Instant ts = Instant.now();
            produce(bootstrap, service, List.of(
                    Json.encode(Sample.probe("it-host", service, ts, true, 10.0, 200, null)),
                    Json.encode(Sample.probe("it-host", service, ts.plusMillis(1), true, 20.0, 200, null)),
                    "{\"v\":1,\"kind\":\"probe\"".getBytes(StandardCharsets.UTF_8),
                    Json.encode(Sample.probe("it-host", service, ts.plusMillis(2), false, 30.0, null, "timeout"))));

            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                // samples of other ITs in this JVM are late for this processor and dead-lettered too
                dlq.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && service.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        deadLetters.add(r);
                    }
                });
                assertThat(deadLetters).hasSize(1);
            });
            List<StatusChange> changes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                // other ITs in this JVM write status changes of their own services to the same topic
                status.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (service.equals(r.key())) {
                        changes.add(r.value());
                    }
                });
                assertThat(changes).extracting(StatusChange::newStatus)
                        .containsExactly(ServiceStatus.UP, ServiceStatus.DOWN);
            });
            List<MetricWindow> windows = new ArrayList<>();
            // the window closes at the next minute boundary plus grace, by wall clock
            await().atMost(Duration.ofSeconds(100)).untilAsserted(() -> {
                metrics.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (service.equals(r.value().service()) && r.value().resolution().equals("1m")) {
                        windows.add(r.value());
                    }
                });
                assertThat(windows).isNotEmpty();
            });

            assertThat(deadLetters.get(0).value()).asString().isEqualTo("{\"v\":1,\"kind\":\"probe\"");
            assertThat(header(deadLetters.get(0), Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.SAMPLES.name());
            // valid samples of ITs that ran before are late here and counted too: only the malformed one is not late
            assertThat(processor.deadLettered() - processor.late()).isEqualTo(1);
            assertThat(changes.get(0).oldStatus()).isEqualTo(ServiceStatus.UNKNOWN);
            assertThat(windows).singleElement().satisfies(window -> {
                assertThat(window.key()).isEqualTo(service + "/probe_latency_ms/1m");
                assertThat(window.count()).isEqualTo(3);
                assertThat(window.errors()).isEqualTo(1);
                assertThat(window.sum()).isEqualTo(60.0);
                assertThat(window.min()).isEqualTo(10.0);
                assertThat(window.max()).isEqualTo(30.0);
            });
        }
    }

    private static void produce(String bootstrap, String key, List<byte[]> values)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), key.getBytes(StandardCharsets.UTF_8),
                        value)).get();
            }
        }
    }

    private static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, TopicSpec<K, V> topic, String id) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "monitor-processor-it-" + topic.name() + "-" + id,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // only what the processor committed: an aborted attempt must not look like a second window
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
