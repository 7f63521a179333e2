package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system in one JVM, as the first Quick start command runs it but on free ports: the demo fleet is
 * probed, the processor closes windows, and the api pushes them to a WebSocket client.
 */
class StandaloneIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Standalone system;
    private static String token;

    /** A target the collector cannot check: its host name does not resolve. */
    private static final String GHOST = "ghost_service";

    @BeforeAll
    static void startSystem() {
        StandaloneOptions options = StandaloneOptions.ephemeral();
        token = options.apiToken();
        system = Standalone.start(options, List.of(Map.of("id", GHOST, "kind", "http",
                "url", "http://no-such-host.invalid:8080/health", "interval", "5s")));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void webSocketClientReceivesModelServiceP95AndRestShowsEveryDemoService() throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + system.apiPort() + "/ws/monitor"), collector(messages))
                .join();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(messages).anySatisfy(message -> {
                    assertThat(message.path("type").asString()).isEqualTo("metrics_update");
                    assertThat(message.at("/data/services/model_service/latency_ms/p95").isNumber()).isTrue();
                }));
        // another system in this JVM (DashboardBrowserIT) may leave processor state behind that yields the model
        // service's window first: wait until every demo service has one
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode current = get("/metrics");
            for (String service : Standalone.FLEET) {
                assertThat(current.at("/services/" + service + "/latency_ms/p50").isNumber()).as(service).isTrue();
            }
        });
        JsonNode health = get("/health");
        JsonNode metrics = get("/metrics");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        assertThat(messages.get(0).path("type").asString()).isEqualTo("snapshot");
        assertThat(health.path("status").asString()).isIn("healthy", "degraded");
        for (String service : Standalone.FLEET) {
            JsonNode latency = metrics.at("/services/" + service + "/latency_ms");
            assertThat(latency.path("p50").isNumber()).as(service + " p50").isTrue();
            assertThat(latency.path("p95").asDouble()).as(service + " p95").isGreaterThanOrEqualTo(
                    latency.path("p50").asDouble());
            assertThat(latency.path("p99").asDouble()).as(service + " p99").isGreaterThanOrEqualTo(
                    latency.path("p95").asDouble());
        }
        JsonNode model = metrics.at("/services/model_service/metrics");
        assertThat(model.path("vram_used_pct").asDouble()).isBetween(0.0, 100.0);
        assertThat(model.path("tokens_per_second").asDouble()).isPositive();
    }

    /**
     * Issue 17, the seed's "Service Monitoring Failures": a check the monitor cannot perform (a host name that does not
     * resolve) makes the service monitoring_failed, not down, and raises the seed's warning with the error.
     */
    @Test
    void aTargetWhoseHostDoesNotResolveIsMonitoringFailedWithTheSeedsWarning() throws Exception {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode health = get("/health/" + GHOST);
            assertThat(health.path("status").asString()).isEqualTo("monitoring_failed");
            assertThat(health.path("reason").asString()).contains("no-such-host.invalid");
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(getWithToken("/alerts?state=active").path("alerts")).anySatisfy(alert -> {
                    assertThat(alert.path("rule").asString()).isEqualTo("monitoring_failed");
                    assertThat(alert.path("service").asString()).isEqualTo(GHOST);
                    assertThat(alert.path("severity").asString()).isEqualTo("warning");
                    assertThat(alert.path("message").asString())
                            .startsWith("Monitoring failed for " + GHOST + ": ").contains("no-such-host.invalid");
                }));
        assertThat(get("/health").path("system").path("counts").path("monitoring_failed").asInt()).isPositive();
    }

    /**
     * Issue 17, "metric validation": a pushed sample with an implausible value (a CPU share of 140 %) is dead-lettered
     * as implausible and counted for its service, while its plausible values still reach the windows.
     */
    @Test
    void anImplausibleValueIsDeadLetteredAndTheRestOfItsSampleKept() throws Exception {
        String service = "plausibility_svc";
        Sample sample = new Sample(Sample.VERSION, SampleKind.REQUEST, "standalone-test", service, Instant.now(), true,
                42.0, 200, null, Map.of("cpu_pct", 140.0, "mem_pct", 55.0), Map.of());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.collectorPort() + "/ingest"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(List.of(sample))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode metrics = get("/metrics/" + service);
            assertThat(metrics.path("metrics").path("mem_pct").asDouble()).isEqualTo(55.0);
            assertThat(metrics.path("latency_ms").path("p50").isNumber()).isTrue();
            assertThat(metrics.path("dead_letters").path("implausible").asLong()).isEqualTo(1);
        });
        assertThat(get("/metrics/" + service).path("metrics").has("cpu_pct")).isFalse();
    }

    /**
     * Issue 17, "cross-validation between sources", end to end through the real processor and api: a service whose
     * probes say up while most of its requests fail gets a {@code probe_up_traffic_failing} finding on
     * {@code GET /anomalies?kind=consistency}.
     */
    @Test
    void aProbeThatSaysUpWhileTrafficFailsIsAConsistencyFinding() {
        String service = "e2e_consistency";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Instant now = Instant.now();
                List<Sample> samples = new ArrayList<>();
                samples.add(Sample.probe("standalone-test", service, now, true, 15.0, 200, null));
                for (int i = 0; i < 5; i++) {
                    // 3 of every 5 requests fail: 60 % errors at 150 requests a minute
                    samples.add(new Sample(Sample.VERSION, SampleKind.REQUEST, "standalone-test", service, now,
                            i >= 3, 30.0, i < 3 ? 500 : 200, i < 3 ? "HTTP 500" : null, Map.of(), Map.of()));
                }
                for (Sample sample : samples) {
                    producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), service, Json.encode(sample)));
                }
                producer.flush();
                JsonNode findings = getWithToken("/anomalies?kind=consistency&service=" + service);
                assertThat(findings.path("anomalies")).anySatisfy(finding -> {
                    assertThat(finding.path("finding").asString()).isEqualTo("probe_up_traffic_failing");
                    assertThat(finding.path("kind").asString()).isEqualTo("consistency");
                    assertThat(finding.path("message").asString()).isNotBlank();
                });
            });
        }
    }

    @Test
    void collectorProbesTheEmbeddedPostgresRedisAndKafka() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode status = get(system.collectorPort(), "/collection-status");
            for (String id : List.of("postgres", "redis", "kafka")) {
                assertThat(status.path("targets")).as(id).anySatisfy(target -> {
                    assertThat(target.path("id").asString()).isEqualTo(id);
                    assertThat(target.path("up").asBoolean()).isTrue();
                });
            }
        });
    }

    @Test
    void restShowsTheModelTheInfrastructureTimeoutsAndTheSystemAsTheSeedDoes() throws Exception {
        String service = "timeout_svc";
        HttpResponse<String> injected = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + system.apiPort() + "/debug/simulate-failure"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"" + service
                        + "\",\"failure_type\":\"timeout\",\"duration_s\":30}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(202);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode metrics = get("/metrics");
            JsonNode model = metrics.at("/services/model_service");
            assertThat(model.path("model_type").asString()).isIn("chat", "summary");
            assertThat(model.path("platform").isString()).isTrue();
            JsonNode database = metrics.at("/infrastructure/database");
            assertThat(database.path("status").asString()).isEqualTo("up");
            assertThat(database.path("connections").asLong()).isPositive();
            JsonNode redis = metrics.at("/infrastructure/redis");
            assertThat(redis.path("status").asString()).isEqualTo("up");
            assertThat(redis.path("memory_usage").asString()).endsWith("MB");
            assertThat(redis.path("queue_sizes").has("summary_queue")).isTrue();
            // a simulated timeout is a probe that timed out: counted in the probe block
            assertThat(get("/metrics/" + service).path("probe").path("timeouts").asLong()).isPositive();
            JsonNode modelHealth = get("/health/model_service");
            assertThat(modelHealth.path("model_type").asString()).isIn("chat", "summary");
            assertThat(modelHealth.path("model_load_time").isString()).isTrue();
            JsonNode health = get("/health");
            assertThat(health.at("/system/counts/up").asInt()).isPositive();
            assertThat(health.at("/system/not_up").valueStream().map(s -> s.path("service").asString()))
                    .contains(service);
        });
    }

    /**
     * Issue 16's contract: the demo fleet's simulated users are the services' traffic, {@code latency_ms} (OTLP
     * histograms in seconds from model, chat, NPC and summary, request samples from the gateway), and the probes are
     * {@code probe_latency_ms} beside it. Shares this class's system, so its windows cost no extra start-up.
     */
    @Test
    void demoFleetTrafficAndProbesHaveTheirOwnWindows() {
        Map<String, MetricWindow> traffic = new ConcurrentHashMap<>();
        Map<String, MetricWindow> probes = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, MetricWindow> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "standalone-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.METRICS.keySerde().deserializer(), Topics.METRICS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.METRICS.name()));

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (ConsumerRecord<String, MetricWindow> record : consumer.poll(Duration.ofMillis(500))) {
                    MetricWindow window = record.value();
                    seen.add(window.service() + "/" + window.metric() + "/" + window.resolution());
                    if (window.count() > 0 && Standalone.FLEET.contains(window.service())) {
                        if (window.metric().equals(Names.LATENCY_MS)) {
                            traffic.put(window.service(), window);
                        } else if (window.metric().equals(Names.PROBE_LATENCY_MS)) {
                            probes.put(window.service(), window);
                        }
                    }
                }
                assertThat(traffic).as("traffic windows; seen %s", seen).containsOnlyKeys(Standalone.FLEET);
                assertThat(probes).as("probe windows; seen %s", seen).containsOnlyKeys(Standalone.FLEET);
            });
        }

        for (String service : Standalone.FLEET) {
            MetricWindow window = traffic.get(service).inMetricUnit();
            assertThat(traffic.get(service).unit()).as(service).isEqualTo(service.equals("gateway") ? null : "s");
            assertThat(window.p50()).as(service).isPositive();
            assertThat(window.p95()).as(service).isGreaterThanOrEqualTo(window.p50());
            assertThat(window.p99()).as(service).isGreaterThanOrEqualTo(window.p95());
        }
    }

    private static JsonNode get(String path) throws Exception {
        return get(system.apiPort(), path);
    }

    private static JsonNode getWithToken(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.apiPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static WebSocket.Listener collector(List<JsonNode> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
