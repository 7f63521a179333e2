package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.api.state.ModelInfo;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The monitored system's overall health in {@code /health}, and the model fields of {@code /health/{service}}. */
class SystemHealthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theWorstStatusWinsAndEveryServiceNotUpIsNamedWorstFirst() {
        SystemHealth health = SystemHealth.of(List.of(service("gateway", "up"), service("redis", "unknown"),
                service("npc_service", "degraded"), service("chat_service", "down"), service("postgres", "up")));

        assertThat(health.status()).isEqualTo("down");
        assertThat(health.services()).isEqualTo(5);
        assertThat(health.counts()).containsExactly(entry("up", 2), entry("degraded", 1),
                entry("down", 1), entry("monitoring_failed", 0), entry("unknown", 1), entry("maintenance", 0));
        assertThat(health.notUp()).extracting(ServiceHealth::service)
                .containsExactly("chat_service", "npc_service", "redis");
    }

    @Test
    void aServiceInMaintenanceIsCountedApartAndIsNoProblem() {
        SystemHealth health = SystemHealth.of(List.of(service("gateway", "up"),
                service("chat_service", "maintenance")));

        assertThat(health.status()).isEqualTo("up");
        assertThat(health.counts()).containsEntry("maintenance", 1).containsEntry("up", 1);
        assertThat(health.notUp()).extracting(ServiceHealth::service).containsExactly("chat_service");
    }

    @Test
    void aKnownProblemOutranksAMissingProbe() {
        assertThat(SystemHealth.of(List.of(service("a", "unknown"), service("b", "degraded"))).status())
                .isEqualTo("degraded");
        assertThat(SystemHealth.of(List.of(service("a", "unknown"), service("b", "up"))).status())
                .isEqualTo("unknown");
        assertThat(SystemHealth.of(List.of(service("a", "up"))).status()).isEqualTo("up");
    }

    @Test
    void aCheckThatCannotBePerformedRanksBetweenAKnownProblemAndAMissingProbe() {
        assertThat(SystemHealth.of(List.of(service("a", "unknown"), service("b", "monitoring_failed"))).status())
                .isEqualTo("monitoring_failed");
        assertThat(SystemHealth.of(List.of(service("a", "degraded"), service("b", "monitoring_failed"))).status())
                .isEqualTo("degraded");
        assertThat(SystemHealth.of(List.of(service("a", "up"), service("b", "monitoring_failed"))).counts())
                .containsEntry("monitoring_failed", 1);
    }

    @Test
    void noServiceIsUnknownWithZeroCounts() {
        SystemHealth health = SystemHealth.of(List.of());

        assertThat(health.status()).isEqualTo("unknown");
        assertThat(health.counts())
                .containsOnlyKeys("up", "degraded", "down", "monitoring_failed", "unknown", "maintenance")
                .allSatisfy((status, n) ->
                assertThat(n).isZero());
        assertThat(health.notUp()).isEmpty();
    }

    @Test
    void serviceDetailKeepsTheServiceFieldsAtTheTopAndAddsTheModel() {
        ServiceHealth health = new ServiceHealth("model_service", "up", T0, 12.5, null, "collector-1");

        JsonNode model = Json.MAPPER.readTree(Json.write(ServiceHealthDetail.of(health,
                new ModelInfo("chat", "windows-vulkan", T0.minusSeconds(60)))));
        JsonNode gateway = Json.MAPPER.readTree(Json.write(ServiceHealthDetail.of(
                new ServiceHealth("gateway", "up", T0, 3.0, null, "collector-1"), new ModelInfo(null, null, null))));

        assertThat(model.get("service").asString()).isEqualTo("model_service");
        assertThat(model.get("status").asString()).isEqualTo("up");
        assertThat(model.get("latency_ms").asDouble()).isEqualTo(12.5);
        assertThat(model.get("model_type").asString()).isEqualTo("chat");
        assertThat(model.get("platform").asString()).isEqualTo("windows-vulkan");
        assertThat(model.get("model_load_time").asString()).isEqualTo("2025-12-31T23:59:00Z");
        assertThat(gateway.propertyNames()).containsExactlyInAnyOrder("service", "status", "since", "latency_ms",
                "host");
    }

    private static ServiceHealth service(String id, String status) {
        return new ServiceHealth(id, status, T0, null, null, "collector-1");
    }
}
