package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.feed.SocketClient;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /slo} on the running api: definitions to the SLO topic, the processor's status from its topic. */
class SloIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void anSloIsShownWithNullFiguresUntilItsStatusArrives() throws Exception {
        String id = "checkout-avail-" + api.id;
        String body = """
                {"id": "%s", "service": "checkout", "kind": "availability", "objective": 0.999, "window": "30d"}
                """.formatted(id);

        JsonNode created = api.postJson("/slo", body, 201);

        assertThat(created.path("window").asString()).isEqualTo("720h");
        assertThat(created.path("source").asString()).isEqualTo("traffic");
        assertThat(created.has("budget_remaining")).isTrue();
        assertThat(created.path("budget_remaining").isNull()).isTrue();
        assertThat(created.path("burn_1h").isNull()).isTrue();
        assertThat(api.getJson("/slo").valueStream().map(slo -> slo.path("id").asString())).contains(id);

        SloStatus status = new SloStatus(null, id, "checkout", Slo.Kind.AVAILABILITY, 0.999, Duration.ofDays(30),
                Slo.Source.TRAFFIC, 9990, 10000, 0.0, 0.1, 14.4, 2.0, 1.0, 1.0, null,
                Instant.parse("2026-01-01T00:00:00Z"));
        api.send(Topics.SLO_STATUS.name(), id, Json.encode(status));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.getJson("/slo/" + id).path("burn_5m").asDouble()).isEqualTo(14.4));
        JsonNode shown = api.getJson("/slo/" + id);
        assertThat(shown.path("budget_remaining").asDouble()).isEqualTo(0.0);
        assertThat(shown.path("total").asLong()).isEqualTo(10000);
        assertThat(shown.path("burn_3d").isNull()).as("no events in 3d: unknown, not 0").isTrue();
    }

    @Test
    void theFeedSendsAnSloWhenItsStatusChanges() throws Exception {
        String id = "feed-slo-" + api.id;
        String service = "feed-slo-svc-" + api.id;
        URI uri = URI.create(api.webSocketUri() + "?token=" + api.token + "&types=slo_status&services=" + service);

        try (SocketClient client = SocketClient.connect(uri)) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());
            api.postJson("/slo", """
                    {"id": "%s", "service": "%s", "kind": "availability", "objective": 0.99, "window": "1d"}
                    """.formatted(id, service), 201);
            SloStatus status = new SloStatus(null, id, service, Slo.Kind.AVAILABILITY, 0.99, Duration.ofDays(1),
                    Slo.Source.TRAFFIC, 99, 100, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
                    Instant.parse("2026-01-01T00:00:00Z"));
            api.send(Topics.SLO_STATUS.name(), id, Json.encode(status));

            await().atMost(WAIT).until(() -> client.ofType("slo_status").stream()
                    .anyMatch(m -> m.path("data").path("total").asLong() == 100));
            JsonNode first = client.ofType("slo_status").get(0).path("data");
            assertThat(first.path("id").asString()).isEqualTo(id);
            assertThat(first.path("burn_1h").isNull()).as("defined, no status yet").isTrue();
        }
    }

    @Test
    void openSloYamlMakesALatencySlo() throws Exception {
        String id = "checkout-fast-" + api.id;
        String yaml = """
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: %s
                spec:
                  service: checkout
                  description: 99 %% of requests under 300 ms
                  indicator:
                    metadata:
                      name: checkout-latency
                    spec:
                      thresholdMetric:
                        metricSource:
                          type: traffic
                  timeWindow:
                    - duration: 4w
                      isRolling: true
                  budgetingMethod: Occurrences
                  objectives:
                    - displayName: fast
                      op: lte
                      value: 300
                      target: 0.99
                """.formatted(id);

        HttpResponse<String> response = yaml("POST", "/slo", yaml, api.token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode slo = api.getJson("/slo/" + id);
        assertThat(slo.path("kind").asString()).isEqualTo("latency");
        assertThat(slo.path("threshold_ms").asDouble()).isEqualTo(300);
        assertThat(slo.path("objective").asDouble()).isEqualTo(0.99);
        assertThat(slo.path("window").asString()).isEqualTo("672h");
    }

    @Test
    void badDefinitionsAreRefusedWithEveryReason() throws Exception {
        HttpResponse<String> json = api.post("/slo", """
                {"id": "bad-%s", "service": "checkout", "kind": "availability", "objective": 1.5, "window": "90d"}
                """.formatted(api.id));
        HttpResponse<String> calendar = yaml("POST", "/slo", """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: cal-%s}
                spec:
                  service: checkout
                  timeWindow: [{duration: 1M, isRolling: false}]
                  objectives: [{target: 0.99}]
                """.formatted(api.id), api.token);

        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json.body()).contains("objective").contains("window");
        assertThat(calendar.statusCode()).isEqualTo(400);
        assertThat(calendar.body()).contains("spec.timeWindow[0].isRolling").contains("spec.timeWindow[0].duration");
    }

    @Test
    void onlyAnOperatorChangesSlosAndADeletedSloIsGone() throws Exception {
        String id = "gone-" + api.id;
        String body = """
                {"service": "checkout", "kind": "availability", "objective": 0.99, "window": "7d"}
                """;
        assertThat(api.request("PUT", "/slo/" + id, body, ApiFixture.VIEWER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(api.request("PUT", "/slo/" + id, body, api.token).statusCode()).isEqualTo(200);
        assertThat(api.post("/slo", body.replace("{", "{\"id\": \"" + id + "\", ")).statusCode()).isEqualTo(409);

        assertThat(api.request("DELETE", "/slo/" + id, null, api.token).statusCode()).isEqualTo(204);

        assertThat(api.get("/slo/" + id).statusCode()).isEqualTo(404);
        assertThat(api.request("DELETE", "/slo/" + id, null, api.token).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> yaml(String method, String path, String body, String token)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/yaml")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
