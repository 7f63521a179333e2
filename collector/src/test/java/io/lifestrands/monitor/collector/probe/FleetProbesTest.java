package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.fleetsim.Fault;
import io.lifestrands.monitor.fleetsim.FleetSim;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.HOST;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP and model probes against the simulated fleet. */
class FleetProbesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static FleetSim fleet;
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());

    @BeforeAll
    static void startFleet() {
        fleet = FleetSim.start(0);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    @AfterEach
    void clearFaults() {
        FleetSim.SERVICES.forEach(id -> fleet.setFault(id, Fault.NONE));
    }

    @Test
    void healthyServiceIsUpWithLatencyStatusAndHealthLabel() {
        Sample sample = http("gateway", Duration.ofSeconds(5)).probe(T0);

        assertThat(sample.kind()).isEqualTo(SampleKind.PROBE);
        assertThat(sample.host()).isEqualTo(HOST);
        assertThat(sample.service()).isEqualTo("gateway");
        assertThat(sample.ts()).isEqualTo(T0);
        assertThat(sample.up()).isTrue();
        assertThat(sample.latencyMs()).isPositive();
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.error()).isNull();
        assertThat(sample.labels()).containsEntry("health", "healthy").containsEntry("env", "test");
    }

    @Test
    void numbersOfTheHealthBodyBecomeMetrics() {
        Sample sample = http("chat_service", Duration.ofSeconds(5)).probe(T0);

        assertThat(sample.metrics()).containsKeys("active_sessions", "websocket_connections", "messages_per_minute");
    }

    @Test
    void refusedConnectionIsDownWithLatency() {
        fleet.setFault("npc_service", Fault.DOWN);

        Sample sample = http("npc_service", Duration.ofSeconds(5)).probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("connection refused");
        assertThat(sample.latencyMs()).isNotNull().isNotNegative();
        assertThat(sample.failed()).isTrue();
    }

    @Test
    void serverErrorIsDown() {
        fleet.setFault("summary_service", Fault.ERRORS);
        Probe probe = http("summary_service", Duration.ofSeconds(5));

        Sample sample = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.probe(T0), s -> s.statusCode() != null && s.statusCode() == 500);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("HTTP 500");
        assertThat(sample.latencyMs()).isPositive();
    }

    @Test
    void slowServiceTimesOutAsDown() {
        fleet.setFault("chat_service", Fault.SLOW);

        Sample sample = http("chat_service", Duration.ofMillis(500)).probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).startsWith("timeout: ");
        assertThat(sample.timedOut()).isTrue();
        assertThat(sample.latencyMs()).isGreaterThanOrEqualTo(500.0);
    }

    @Test
    void modelProbeReadsVramThroughputAndModel() {
        Sample sample = model().probe(T0);

        assertThat(sample.up()).isTrue();
        assertThat(sample.latencyMs()).isPositive();
        assertThat(sample.metrics()).containsKeys("vram_used_bytes", "vram_total_bytes", "vram_used_pct",
                "tokens_per_second", "active_requests", "active_generation_count", "queue_depth",
                "last_load_epoch_s", "last_load_duration_s");
        assertThat(sample.metrics().get("vram_used_pct")).isBetween(50.0, 95.0);
        assertThat(sample.metrics().get("tokens_per_second")).isBetween(20.0, 55.0);
        assertThat(sample.labels()).containsEntry("platform", "windows-vulkan").containsKey("model_type");
        assertThat(sample.labels().get("model_type")).isIn("chat", "summary");
    }

    @Test
    void aRestartedServiceReportsANewInstance() {
        Probe summary = http("summary_service", Duration.ofSeconds(5));
        Probe model = model();
        Sample before = summary.probe(T0);
        Sample modelBefore = model.probe(T0);

        fleet.setFault("summary_service", Fault.RESTART);
        fleet.setFault("model_service", Fault.RESTART);

        assertThat(before.labels()).containsKey("instance_id");
        assertThat(summary.probe(T0).labels().get("instance_id")).isNotNull()
                .isNotEqualTo(before.labels().get("instance_id"));
        assertThat(model.probe(T0).labels().get("instance_id")).isNotNull()
                .isNotEqualTo(modelBefore.labels().get("instance_id"));
    }

    @Test
    void modelProbeSeesAVramSpike() {
        fleet.setFault("model_service", Fault.VRAM_SPIKE);

        Sample sample = model().probe(T0);

        assertThat(sample.metrics().get("vram_used_pct")).isGreaterThanOrEqualTo(97.0);
    }

    @Test
    void modelServiceDownIsDownWithoutDetails() {
        fleet.setFault("model_service", Fault.DOWN);

        Sample sample = model().probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.metrics()).isEmpty();
        assertThat(sample.error()).isEqualTo("connection refused");
    }

    private Probe http(String service, Duration timeout) {
        return probes.create(target(service, TargetKind.HTTP, fleet.baseUrl(service), timeout));
    }

    private Probe model() {
        return probes.create(target("model_service", TargetKind.MODEL, fleet.baseUrl("model_service"),
                Duration.ofSeconds(5)));
    }
}
