package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lifestrands.monitor.collector.config.TestSettings.connected;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** The kafka probe against the embedded broker. */
class KafkaProbeIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String bootstrap = TestServers.kafka().bootstrapServers();
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @Test
    void reportsBrokersAndTheLagOfAGroup() throws Exception {
        String topic = "lag." + UUID.randomUUID();
        String group = "lagging-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                     new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k", "v" + i)).get();
            }
            // 5 records on each partition; the group has read 2 of one and 1 of the other
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(1))).all().get();
        }
        try (Probe probe = probe(bootstrap, List.of(group, "never-committed"))) {

            Sample sample = probe.probe(T0);

            assertThat(sample.up()).isTrue();
            assertThat(sample.latencyMs()).isPositive();
            assertThat(sample.metrics()).containsEntry("kafka_brokers", 1.0)
                    .containsEntry("consumer_lag:" + group, 7.0)
                    .doesNotContainKey("consumer_lag:never-committed");
        }
    }

    @Test
    void unreachableBrokerIsDownWithinTheTimeout() {
        try (Probe probe = probe("localhost:" + Ports.free(), List.of())) {

            Sample sample = probe.probe(T0);

            assertThat(sample.up()).isFalse();
            // either the probe's own bound or the admin client's call timeout ends the attempt, whichever is first
            assertThat(sample.timedOut()).as(sample.error()).isTrue();
            assertThat(sample.latencyMs()).isLessThan(10_000.0);
        }
    }

    private Probe probe(String connection, List<String> groups) {
        return probes.create(connected("kafka", TargetKind.KAFKA, connection, Duration.ofSeconds(3), null, groups));
    }
}
