package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.testkit.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QUALITY R13: the standalone stopped and started again on its data directory keeps its windows, alerts,
 * acknowledgements and rule changes, with the processor RUNNING and Kafka on the configured port after each start.
 * The default suite restarts once; {@code -Dstandalone.restarts=3} runs the full row.
 */
class StandaloneRestartIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String SERVICE = "restart_svc";
    private static final String RULE = "restart_test_slow";

    @TempDir
    Path dataDir;
    private Standalone system;
    private String token;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void windowsAlertsAcknowledgementsAndRulesSurviveRestarts() throws Exception {
        int restarts = Math.min(3, Integer.getInteger("standalone.restarts", 1));
        StandaloneOptions options = StandaloneOptions.onDataDir(dataDir).withKafkaPort(Ports.free());
        token = options.apiToken();
        system = Standalone.start(options);
        String clusterId = kafkaClusterId(options);
        addRule(options.apiToken());
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(raiseAndAcknowledge(options.apiToken(), SERVICE + "_0"));
        // a closed 1m window needs the minute to end plus the grace: one is enough to show windows survive
        List<JsonNode> windowsBefore = await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> windowsOf(SERVICE + "_0"), windows -> windows.size() > 0);

        for (int restart = 1; restart <= restarts; restart++) {
            system.close();
            system = null;
            system = Standalone.start(options);

            assertThat(system.bootstrapServers()).isEqualTo("localhost:" + options.kafkaPort());
            assertThat(kafkaClusterId(options)).as("the same cluster, not a new one").isEqualTo(clusterId);
            await().atMost(WAIT).until(() -> system.processorState() == KafkaStreams.State.RUNNING);
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(get("/health").at("/dependencies/processor/status").asString())
                            .as("/health sees the restarted processor").isEqualTo("up"));
            assertThat(ruleNames()).as("rule added before the restart").contains(RULE);
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(windowsOf(SERVICE + "_0")).as("windows from before the restart")
                            .containsAll(windowsBefore));
            for (String id : acknowledged) {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode alert = alertInHistory(id);
                    assertThat(alert.path("acknowledged").asBoolean()).as("acknowledgement of " + id).isTrue();
                    assertThat(alert.path("acknowledged_by").asString()).isEqualTo("restart-test");
                });
            }

            acknowledged.add(raiseAndAcknowledge(options.apiToken(), SERVICE + "_" + restart));
        }
    }

    private String kafkaClusterId(StandaloneOptions options) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + options.kafkaPort()))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    /** The rule set as the api serves it, plus a rule with no {@code for}: firing at the first slow request. */
    private void addRule(String token) throws Exception {
        JsonNode config = get("/alerts/config");
        ArrayNode rules = (ArrayNode) config.path("rules");
        ObjectNode rule = rules.addObject();
        rule.put("v", 1);
        rule.put("name", RULE);
        rule.put("severity", "warning");
        rule.put("service", String.join(",", SERVICE + "_0", SERVICE + "_1", SERVICE + "_2", SERVICE + "_3"));
        rule.put("metric", "latency_ms");
        rule.put("statistic", "max");
        rule.put("range", "1m");
        rule.put("comparison", ">");
        rule.put("threshold", 1000);
        rule.put("for", "0s");
        rule.put("message", "{service} answered in {value} ms");
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/alerts/config"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(
                        Json.MAPPER.createObjectNode().set("rules", rules)))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    /** Slow requests of {@code service} through {@code /ingest} until its alert fires, then acknowledges it. */
    private String raiseAndAcknowledge(String token, String service) throws Exception {
        String id = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ingestSlowRequest(service);
            for (JsonNode alert : get("/alerts").path("alerts")) {
                if (service.equals(alert.path("service").asString()) && RULE.equals(alert.path("rule").asString())) {
                    return alert.path("id").asString();
                }
            }
            return null;
        }, found -> found != null);
        HttpResponse<String> ack = send(HttpRequest.newBuilder(uri("/alerts/" + id + "/acknowledge"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"restart-test\",\"comment\":\"planned\"}")));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        return id;
    }

    private void ingestSlowRequest(String service) throws Exception {
        Sample sample = new Sample(Sample.VERSION, SampleKind.REQUEST, "restart-test", service, Instant.now(), true,
                2500.0, 200, null, Map.of(), Map.of());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.collectorPort() + "/ingest"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(List.of(sample))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private List<JsonNode> windowsOf(String service) throws Exception {
        JsonNode history = get("/metrics/history?service=" + service + "&metric=latency_ms&resolution=1m");
        List<JsonNode> windows = new ArrayList<>();
        for (JsonNode series : history.path("series")) {
            series.path("windows").forEach(windows::add);
        }
        return windows;
    }

    private JsonNode alertInHistory(String id) throws Exception {
        for (JsonNode alert : get("/alerts/history?size=200").path("alerts")) {
            if (id.equals(alert.path("id").asString())) {
                return alert;
            }
        }
        throw new AssertionError("alert " + id + " not in /alerts/history");
    }

    private List<String> ruleNames() throws Exception {
        List<String> names = new ArrayList<>();
        get("/alerts/config").path("rules").forEach(rule -> names.add(rule.path("name").asString()));
        return names;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + system.apiPort() + path);
    }
}
