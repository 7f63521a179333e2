package io.lifestrands.monitor.collector;

import io.lifestrands.monitor.fleetsim.Fault;
import io.lifestrands.monitor.fleetsim.FleetSim;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole collector against a real broker and the simulated fleet: probes and pushes arrive on the topic. */
class CollectorIT {

    private static final String TOKEN = "it-token";
    private static final String HOST = "it-host";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FleetSim fleet;
    private static ConfigurableApplicationContext collector;
    private static KafkaConsumer<String, Sample> consumer;
    private static final List<ConsumerRecord<String, Sample>> received = new CopyOnWriteArrayList<>();
    private static String ingestUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String topic = "it.samples." + UUID.randomUUID();
        fleet = FleetSim.start(0);
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("monitor.collector.bootstrap-servers", bootstrap);
        props.put("monitor.collector.host-id", HOST);
        props.put("monitor.collector.samples-topic", topic);
        props.put("monitor.collector.ingest-token", TOKEN);
        List<String> http = List.of("gateway", "chat_service", "npc_service", "summary_service");
        for (int i = 0; i < http.size(); i++) {
            target(props, i, http.get(i), "http", fleet.baseUrl(http.get(i)));
        }
        target(props, 4, "model_service", "model", fleet.baseUrl("model_service"));
        props.put("monitor.collector.targets[5].kind", "system");
        props.put("monitor.collector.targets[5].interval", "1s");
        collector = CollectorApplication.start(props);
        ingestUrl = "http://localhost:" + collector.getEnvironment().getProperty("local.server.port") + "/ingest";

        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.SAMPLES.keySerde().deserializer(), Topics.SAMPLES.valueSerde().deserializer());
        consumer.subscribe(List.of(topic));
    }

    private static void target(Map<String, Object> props, int index, String id, String kind, String url) {
        String prefix = "monitor.collector.targets[" + index + "].";
        props.put(prefix + "id", id);
        props.put(prefix + "kind", kind);
        props.put(prefix + "url", url);
        props.put(prefix + "interval", "1s");
        props.put(prefix + "timeout", "2s");
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void probesEveryFleetServiceAndTheHost() {
        for (String service : FleetSim.SERVICES) {
            ConsumerRecord<String, Sample> record = awaitRecord(r -> r.key().equals(service) && r.value().up());

            assertThat(record.value().kind()).isEqualTo(SampleKind.PROBE);
            assertThat(record.value().host()).isEqualTo(HOST);
            assertThat(record.value().latencyMs()).isPositive();
            assertThat(record.value().statusCode()).isEqualTo(200);
        }
        Sample model = awaitRecord(r -> r.key().equals("model_service")).value();
        assertThat(model.metrics()).containsKeys("vram_used_bytes", "vram_total_bytes", "vram_used_pct",
                "tokens_per_second", "active_requests", "queue_depth");
        assertThat(model.labels()).containsKeys("model_type", "platform");
        Sample host = awaitRecord(r -> r.key().equals("host:" + HOST)).value();
        assertThat(host.metrics()).containsKeys("cpu_pct", "mem_pct", "disk_pct");
    }

    @Test
    void serviceSwitchedDownIsReportedDown() {
        fleet.setFault("npc_service", Fault.DOWN, Duration.ofSeconds(30));
        try {
            Sample down = awaitRecord(r -> r.key().equals("npc_service") && !r.value().up()).value();

            assertThat(down.error()).isEqualTo("connection refused");
            assertThat(down.latencyMs()).isNotNull();
        } finally {
            fleet.setFault("npc_service", Fault.NONE);
        }
    }

    @Test
    void pushedBatchIsAcceptedAfterItIsInKafka() throws Exception {
        String service = "pushed_" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> response = post("[" + request(service, 12.5) + "," + request(service, 80) + "]", TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"accepted\":2}");
        await().atMost(WAIT).untilAsserted(() -> {
            pollOnce();
            assertThat(received).filteredOn(r -> r.key().equals(service))
                    .extracting(r -> r.value().latencyMs()).containsExactlyInAnyOrder(12.5, 80.0);
        });
    }

    @Test
    void badBatchIsRejectedWithReasonsAndTheValidSampleKept() throws Exception {
        String service = "pushed_" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> response = post("[" + request(service, 5) + "," + request(service, -3) + ","
                + request(service, 7).replace("\"request\"", "\"probe\"") + "]", TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"accepted\":1", "\"index\":1", "latency_ms", "\"index\":2");
        assertThat(awaitRecord(r -> r.key().equals(service)).value().latencyMs()).isEqualTo(5.0);
    }

    @Test
    void pushWithoutTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = post("[" + request("pushed_nope", 1) + "]", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TOKEN);
    }

    private static String request(String service, double latencyMs) {
        return "{\"kind\":\"request\",\"host\":\"web-1\",\"service\":\"" + service
                + "\",\"ts\":\"2026-01-01T00:00:00Z\",\"up\":true,\"latency_ms\":" + latencyMs
                + ",\"status_code\":200}";
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingestUrl))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConsumerRecord<String, Sample> awaitRecord(Predicate<ConsumerRecord<String, Sample>> match) {
        return await().atMost(WAIT).until(() -> {
            pollOnce();
            return received.stream().filter(match).reduce((first, second) -> second).orElse(null);
        }, record -> record != null);
    }

    private static synchronized void pollOnce() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }
}
