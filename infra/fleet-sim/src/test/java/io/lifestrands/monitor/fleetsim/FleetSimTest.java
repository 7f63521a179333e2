package io.lifestrands.monitor.fleetsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FleetSimTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private FleetSim fleet;

    @BeforeEach
    void startFleet() {
        fleet = FleetSim.start(0);
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @Test
    void everyServiceAnswersHealthyWithItsId() throws Exception {
        for (String id : FleetSim.SERVICES) {
            HttpResponse<String> response = get(id, "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("status").asString()).isEqualTo("healthy");
            assertThat(body.get("service").asString()).isEqualTo(id);
            assertThat(body.has("timestamp")).isTrue();
        }
    }

    @Test
    void simulatedUsersCallEveryServiceAndSeeItsFault() {
        Map<String, Integer> slowAnswers = new ConcurrentHashMap<>();
        Set<String> served = ConcurrentHashMap.newKeySet();
        fleet.setFault("npc_service", Fault.SLOW);
        fleet.onRequest((service, latencyMs, status) -> {
            served.add(service);
            if (latencyMs >= 2_500) {
                slowAnswers.merge(service, 1, Integer::sum);
            }
        });

        fleet.startTraffic(20);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(served).containsExactlyInAnyOrderElementsOf(FleetSim.SERVICES);
            assertThat(slowAnswers).containsKey("npc_service");
        });
    }

    @Test
    void servicesReportTheirOwnNumbers() throws Exception {
        JsonNode chat = JSON.readTree(get("chat_service", "/health").body());
        JsonNode summary = JSON.readTree(get("summary_service", "/health").body());
        JsonNode npc = JSON.readTree(get("npc_service", "/health").body());

        assertThat(chat.get("active_sessions").isNumber()).isTrue();
        assertThat(chat.get("websocket_connections").isNumber()).isTrue();
        assertThat(chat.get("messages_per_minute").isNumber()).isTrue();
        assertThat(summary.get("queue_size").isNumber()).isTrue();
        // as /analytics/business reads them: 240-260 NPCs, at most all of them active
        assertThat(npc.get("npcs_total").asLong()).isBetween(240L, 260L);
        assertThat(npc.get("npcs_active").asLong()).isBetween(100L, npc.get("npcs_total").asLong());
    }

    @Test
    void modelStatusHasTheFieldsTheMonitorReads() throws Exception {
        JsonNode status = JSON.readTree(get("model_service", "/status").body());

        assertThat(status.get("current_model_type").asString()).isIn("chat", "summary");
        assertThat(status.get("active_generation_count").isNumber()).isTrue();
        assertThat(status.get("queue_depth").isNumber()).isTrue();
        assertThat(status.has("last_load_time")).isTrue();
        assertThat(status.get("tokens_per_second").asDouble()).isBetween(20.0, 55.0);
        assertThat(status.get("gpu_stats").get("used_memory").asLong())
                .isLessThan(status.get("gpu_stats").get("total_memory").asLong());
    }

    @Test
    void modelVramIsConsistent() throws Exception {
        JsonNode vram = JSON.readTree(get("model_service", "/vram").body());

        double expectedPct = vram.get("used_bytes").asDouble() * 100 / vram.get("total_bytes").asDouble();
        assertThat(vram.get("used_pct").asDouble()).isBetween(expectedPct - 0.01, expectedPct + 0.01);
        assertThat(vram.get("used_pct").asDouble()).isBetween(50.0, 95.0);
    }

    @Test
    void downRefusesConnectionsUntilCleared() throws Exception {
        fleet.setFault("npc_service", Fault.DOWN);

        assertThatThrownBy(() -> get("npc_service", "/health")).isInstanceOf(ConnectException.class);
        assertThat(get("chat_service", "/health").statusCode()).isEqualTo(200);

        fleet.setFault("npc_service", Fault.NONE);

        assertThat(get("npc_service", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void errorsFailAboutHalfOfTheRequests() throws Exception {
        fleet.setFault("npc_service", Fault.ERRORS);
        int failures = 0;

        for (int i = 0; i < 20; i++) {
            failures += get("npc_service", "/health").statusCode() == 500 ? 1 : 0;
        }

        assertThat(failures).isBetween(3, 17);
    }

    @Test
    void slowOutlastsAOneSecondTimeout() {
        fleet.setFault("gateway", Fault.SLOW);

        assertThatThrownBy(() -> client.send(request("gateway", "/health").timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void vramSpikeReportsAlmostFullMemory() throws Exception {
        fleet.setFault("model_service", Fault.VRAM_SPIKE);

        JsonNode vram = JSON.readTree(get("model_service", "/vram").body());

        assertThat(vram.get("used_pct").asDouble()).isGreaterThanOrEqualTo(97.0);
    }

    @Test
    void faultEndpointSwitchesAndClearsAfterTheDuration() throws Exception {
        HttpResponse<String> response = post("chat_service", "/fault?type=down&duration_s=1");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThatThrownBy(() -> get("chat_service", "/health"))
                        .isInstanceOf(ConnectException.class));
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(ConnectException.class)
                .untilAsserted(() -> assertThat(get("chat_service", "/health").statusCode()).isEqualTo(200));
        assertThat(fleet.fault("chat_service")).isEqualTo(Fault.NONE);
    }

    @Test
    void faultEndpointCanSwitchAnotherService() throws Exception {
        post("gateway", "/fault?service=summary_service&type=down");
        assertThatThrownBy(() -> get("summary_service", "/health")).isInstanceOf(ConnectException.class);

        post("gateway", "/fault?service=summary_service&type=none");

        assertThat(get("summary_service", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void healthNamesTheRunningInstanceAndARestartStartsANewOne() throws Exception {
        JsonNode before = JSON.readTree(get("chat_service", "/health").body());

        fleet.setFault("chat_service", Fault.RESTART);

        JsonNode after = JSON.readTree(get("chat_service", "/health").body());
        assertThat(before.get("instance_id").asString()).startsWith("chat_service-");
        assertThat(after.get("instance_id").asString()).startsWith("chat_service-")
                .isNotEqualTo(before.get("instance_id").asString());
        assertThat(Instant.parse(after.get("started_at").asString()))
                .isAfterOrEqualTo(Instant.parse(before.get("started_at").asString()));
        assertThat(JSON.readTree(get("chat_service", "/health").body()).get("instance_id"))
                .isEqualTo(after.get("instance_id"));
        assertThat(fleet.fault("chat_service")).isEqualTo(Fault.NONE);
    }

    @Test
    void restartWithADurationIsAwayThenBackAsANewInstance() throws Exception {
        String before = JSON.readTree(get("npc_service", "/health").body()).get("instance_id").asString();

        HttpResponse<String> response = post("npc_service", "/fault?type=restart&duration_s=1");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThatThrownBy(() -> get("npc_service", "/health"))
                        .isInstanceOf(ConnectException.class));
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(ConnectException.class)
                .untilAsserted(() -> assertThat(JSON.readTree(get("npc_service", "/health").body())
                        .get("instance_id").asString()).isNotEqualTo(before));
        assertThat(fleet.fault("npc_service")).isEqualTo(Fault.NONE);
    }

    @Test
    void faultEndpointRejectsUnknownTypes() throws Exception {
        HttpResponse<String> response = post("gateway", "/fault?type=meltdown");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("meltdown");
        assertThat(fleet.fault("gateway")).isEqualTo(Fault.NONE);
    }

    @Test
    void unknownServiceIdIsRejected() {
        assertThatThrownBy(() -> fleet.setFault("nope", Fault.DOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    private HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return client.send(request(service, path).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String service, String path) throws IOException, InterruptedException {
        return client.send(request(service, path).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String service, String path) {
        return HttpRequest.newBuilder(URI.create(fleet.baseUrl(service) + path));
    }
}
