package io.lifestrands.monitor.collector;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two collectors with different host ids feed one topic on one broker; each reports on itself. */
class MultiHostIT {

    private static final String TOPIC = "it.multihost." + UUID.randomUUID();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = collector("host-a");
        second = collector("host-b");
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext collector(String host) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("monitor.collector.bootstrap-servers", TestServers.kafka().bootstrapServers());
        props.put("monitor.collector.host-id", host);
        props.put("monitor.collector.samples-topic", TOPIC);
        props.put("monitor.collector.targets[0].kind", "system");
        props.put("monitor.collector.targets[0].interval", "1s");
        return CollectorApplication.start(props);
    }

    @Test
    void samplesOfBothHostsArriveOnTheSameTopic() {
        Set<String> hosts = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, Sample> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.SAMPLES.keySerde().deserializer(), Topics.SAMPLES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(TOPIC));

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> hosts.add(r.value().host() + "=" + r.value().service()));
                return hosts.size() >= 2;
            });
        }

        assertThat(hosts).containsExactlyInAnyOrder("host-a=host:host-a", "host-b=host:host-b");
    }

    @Test
    void collectionStatusReportsEachTargetAndTheTotals() throws Exception {
        int port = Integer.parseInt(first.getEnvironment().getProperty("local.server.port"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/collection-status"))
                .GET().build();

        JsonNode status = await().atMost(Duration.ofSeconds(60)).until(() -> Json.MAPPER.readTree(
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body()),
                body -> body.at("/totals/samples_delivered").asLong() >= 2);

        assertThat(status.get("host").asString()).isEqualTo("host-a");
        JsonNode target = status.get("targets").get(0);
        assertThat(target.get("id").asString()).isEqualTo("host:host-a");
        assertThat(target.get("kind").asString()).isEqualTo("system");
        assertThat(target.get("interval_s").asDouble()).isEqualTo(1.0);
        assertThat(target.get("up").asBoolean()).isTrue();
        assertThat(target.get("last_success").asString()).isNotBlank();
        assertThat(target.get("consecutive_failures").asLong()).isZero();
        assertThat(status.at("/totals/probes").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(status.at("/totals/samples_dropped").asLong()).isZero();
        assertThat(status.at("/totals/probes_per_second").asDouble()).isPositive();
    }
}
