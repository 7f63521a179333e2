package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.collector.config.TestSettings.scraped;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected status codes and JSON-pointer extraction of the http probe, and model switches of the model probe. */
class ExtractionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String JSON = "application/json";

    private final LocalServer server = new LocalServer();
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void jsonPointersPickNestedNumbers() {
        server.answer("/health", 200, JSON, "{\"status\":\"ok\",\"stats\":{\"sessions\":{\"active\":17},"
                + "\"latency\":[3.5,9]},\"name\":\"x\"}");

        Sample sample = http(null, Map.of("active_sessions", "/stats/sessions/active", "first_latency",
                "/stats/latency/0", "name", "/name", "absent", "/nope")).probe(T0);

        assertThat(sample.up()).isTrue();
        assertThat(sample.metrics()).containsEntry("active_sessions", 17.0).containsEntry("first_latency", 3.5)
                .doesNotContainKeys("name", "absent");
    }

    @Test
    void statusOutsideTheExpectedOnesIsDown() {
        server.answer("/health", 404, JSON, "{\"status\":\"ok\"}");

        Sample sample = http(List.of(200, 204), Map.of()).probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("HTTP 404, expected [200, 204]");
    }

    @Test
    void expectedNonSuccessStatusIsUp() {
        server.answer("/health", 401, JSON, "{}");

        Sample sample = http(List.of(401), Map.of()).probe(T0);

        assertThat(sample.up()).isTrue();
        assertThat(sample.statusCode()).isEqualTo(401);
    }

    @Test
    void pointerThatDoesNotParseFailsAtCreation() {
        assertThatThrownBy(() -> http(null, Map.of("bad", "stats/x")))
                .hasMessageContaining("metrics.bad of target 'svc' must be a JSON pointer");
    }

    @Test
    void modelSwitchIsAChangedModelTypeLabelNamingThePreviousModel() {
        server.answer("/health", 200, JSON, "{\"status\":\"healthy\"}");
        server.answer("/vram", 200, JSON, "{\"used_bytes\":10,\"total_bytes\":20}");
        server.answer("/status", 200, JSON, status("chat"));
        Probe model = probes.create(scraped("svc", TargetKind.MODEL, server.url(), null, Map.of()));

        Sample first = model.probe(T0);
        Sample same = model.probe(T0);
        server.answer("/status", 200, JSON, status("summary"));
        Sample switched = model.probe(T0);

        assertThat(first.labels()).containsEntry("model_type", "chat").doesNotContainKey("model_switched_from");
        assertThat(same.labels()).doesNotContainKey("model_switched_from");
        assertThat(switched.labels()).containsEntry("model_type", "summary")
                .containsEntry("model_switched_from", "chat");
        assertThat(switched.metrics()).containsEntry("active_generation_count", 2.0)
                .containsEntry("queue_depth", 5.0)
                .containsEntry("last_load_epoch_s", 1767225600.0)
                .containsEntry("last_load_duration_s", 12.5);
    }

    @Test
    void lastLoadTimeIsReadAsEpochSecondsOrIso8601() {
        assertThat(ModelProbe.epochSeconds(json("1767225600"))).contains(1767225600.0);
        assertThat(ModelProbe.epochSeconds(json("1767225600.5"))).contains(1767225600.5);
        assertThat(ModelProbe.epochSeconds(json("\"2026-01-01T00:00:00Z\""))).contains(1767225600.0);
        assertThat(ModelProbe.epochSeconds(json("\"2026-01-01T01:00:00+01:00\""))).contains(1767225600.0);
        assertThat(ModelProbe.epochSeconds(json("\"2026-01-01T00:00:00.250\""))).contains(1767225600.25);
        assertThat(ModelProbe.epochSeconds(json("\"1767225600\""))).contains(1767225600.0);
        assertThat(ModelProbe.epochSeconds(json("\"yesterday\""))).isEmpty();
        assertThat(ModelProbe.epochSeconds(json("true"))).isEmpty();
        assertThat(ModelProbe.epochSeconds(null)).isEmpty();
    }

    @Test
    void numericLastLoadTimeReachesTheSample() {
        server.answer("/health", 200, JSON, "{\"status\":\"healthy\"}");
        server.answer("/vram", 200, JSON, "{\"used_bytes\":10,\"total_bytes\":20}");
        server.answer("/status", 200, JSON, "{\"current_model_type\":\"chat\",\"last_load_time\":1767225600}");

        Sample sample = probes.create(scraped("svc", TargetKind.MODEL, server.url(), null, Map.of())).probe(T0);

        assertThat(sample.metrics()).containsEntry("last_load_epoch_s", 1767225600.0);
    }

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static String status(String model) {
        return "{\"current_model_type\":\"" + model + "\",\"active_generation_count\":2,\"queue_depth\":5,"
                + "\"last_load_time\":\"2026-01-01T00:00:00Z\",\"last_load_duration_s\":12.5}";
    }

    private Probe http(List<Integer> expected, Map<String, String> metrics) {
        return probes.create(scraped("svc", TargetKind.HTTP, server.url(), expected, metrics));
    }
}
