package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceGraph;
import io.lifestrands.monitor.schema.ServiceStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static io.lifestrands.monitor.api.TestRecords.withUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/** {@code /analytics/*}, {@code /topology}, {@code /dashboard/data} and {@code /health/history} on real servers. */
class ReadEndpointsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static ApiFixture api;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    private final Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
    }

    @Test
    void performanceMergesSketchesOfTheRangePerService() throws Exception {
        String service = "svc-perf-" + api.id;
        api.produce(window(service, "latency_ms", start, DoubleStream.generate(() -> 40).limit(90).toArray()));
        api.produce(window(service, "latency_ms", start.plus(MINUTE),
                DoubleStream.generate(() -> 3000).limit(10).toArray()));
        api.produce(window("host:perf-" + api.id, "cpu_pct", start, 45));
        await().atMost(WAIT).until(api::historyCaughtUp);

        JsonNode body = api.getJson("/analytics/performance?range=1h");

        JsonNode latency = body.get("response_times").get(service);
        assertThat(body.get("source").asString()).isEqualTo("history:1m");
        assertThat(latency.get("count").asLong()).isEqualTo(100);
        assertThat(latency.get("p50").asDouble()).isCloseTo(40, withinPercentage(1));
        assertThat(latency.get("p95").asDouble()).isCloseTo(3000, withinPercentage(1));
        assertThat(body.get("throughput").get("requests_per_second").asDouble()).isGreaterThanOrEqualTo(100 / 3600.0);
        assertThat(body.get("resource_utilization").get("cpu_usage").isNumber()).isTrue();
        assertThat(api.get("/analytics/performance?range=90d").statusCode()).isEqualTo(400);
    }

    /** Issue 16: requests from traffic (kept in seconds, shown in ms), checks from probes, each labelled. */
    @Test
    void metricsShowTrafficAndProbeFiguresEachLabelledWithItsSource() throws Exception {
        String both = "svc-src-" + api.id;
        String probed = "svc-probed-" + api.id;
        Instant live = Instant.now().minusSeconds(60);
        api.produce(withUnit(window(both, "latency_ms", "live1m", live, MINUTE, 1, 0.040, 0.045, 0.050, 0.400), "s",
                0.02));
        api.produce(window(both, "probe_latency_ms", "live1m", live, MINUTE, 0, 8, 9));
        api.produce(window(probed, "probe_latency_ms", "live1m", live, MINUTE, 1, 8, 9, 10, 11));
        await().atMost(WAIT).until(() -> api.getJson("/metrics").get("services").has(probed)
                && api.getJson("/metrics").get("services").has(both));

        JsonNode services = api.getJson("/metrics").get("services");

        JsonNode shown = services.get(both);
        assertThat(shown.get("response_time_ms").asDouble()).isCloseTo(45, withinPercentage(1));
        assertThat(shown.get("requests_per_minute").asDouble()).isEqualTo(4.0);
        assertThat(shown.get("traffic").get("source").asString()).isEqualTo("traffic");
        assertThat(shown.get("traffic").get("latency_ms").get("p95").asDouble()).isCloseTo(50, withinPercentage(1));
        assertThat(shown.get("traffic").get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(shown.get("traffic").get("accuracy").asDouble()).isEqualTo(0.02);
        assertThat(shown.get("probe").get("source").asString()).isEqualTo("probe");
        assertThat(shown.get("probe").get("checks_per_minute").asDouble()).isEqualTo(2.0);
        assertThat(shown.get("probe").get("latency_ms").get("p50").asDouble()).isCloseTo(8, withinPercentage(1));
        JsonNode probeOnly = services.get(probed);
        assertThat(probeOnly.get("requests_per_minute").isNull()).isTrue();
        assertThat(probeOnly.get("response_time_ms").isNull()).isTrue();
        assertThat(probeOnly.get("latency_ms").isNull()).isTrue();
        assertThat(probeOnly.get("error_rate").isNull()).isTrue();
        assertThat(probeOnly.get("traffic").isNull()).isTrue();
        assertThat(probeOnly.get("probe").get("source").asString()).isEqualTo("probe");
        assertThat(probeOnly.get("probe").get("checks_per_minute").asDouble()).isEqualTo(4.0);
        assertThat(probeOnly.get("probe").get("availability").asDouble()).isEqualTo(0.75);
        assertThat(probeOnly.get("metrics").has("probe_latency_ms")).isFalse();
    }

    @Test
    void historyAndPerformanceShowTrafficKeptInSecondsInMillisecondsAndCountNoProbes() throws Exception {
        String service = "svc-secs-" + api.id;
        String probed = "svc-probes-" + api.id;
        api.produce(withUnit(window(service, "latency_ms", start, 0.040, 0.040, 0.040), "s", 0.02));
        api.produce(window(probed, "probe_latency_ms", start, 8, 9, 10));
        await().atMost(WAIT).until(api::historyCaughtUp);

        JsonNode series = api.getJson("/metrics/history?service=" + service + "&metric=latency_ms&start="
                + start.minus(MINUTE) + "&end=" + start.plus(MINUTE.multipliedBy(2)) + "&resolution=1m")
                .get("series").get(0);
        JsonNode performance = api.getJson("/analytics/performance?range=1h");

        assertThat(series.get("source").asString()).isEqualTo("traffic");
        assertThat(series.get("sketch_unit").asString()).isEqualTo("s");
        assertThat(series.get("summary").get("p50").asDouble()).isCloseTo(40, withinPercentage(1));
        JsonNode stored = series.get("windows").get(0);
        assertThat(stored.get("p50").asDouble()).isCloseTo(40, withinPercentage(1));
        assertThat(stored.has("unit")).isFalse();
        assertThat(stored.get("relative_accuracy").asDouble()).isEqualTo(0.02);
        assertThat(performance.get("response_times").get(service).get("p50").asDouble())
                .isCloseTo(40, withinPercentage(1));
        assertThat(performance.get("response_times").has(probed)).isFalse();
    }

    @Test
    void businessCountsTodaysEventWindows() throws Exception {
        JsonNode before = api.getJson("/analytics/business");
        String service = "chat-" + api.id;

        api.produce(day(service, "event:conversation_started", 1, 1, 1, 1));
        api.produce(day(service, "event:conversation_ended", 600_000, 1_200_000));
        api.produce(day("summary-" + api.id, "event:summary_processed", 30_000, 60_000));
        api.produce(day("npc-" + api.id, "event:npc_updated", 1, 1, 1));

        await().atMost(WAIT).until(() -> api.getJson("/analytics/business").get("npcs").get("updated_today")
                .asLong() == before.get("npcs").get("updated_today").asLong() + 3);
        JsonNode after = api.getJson("/analytics/business");
        assertThat(delta(before, after, "conversations", "total_today")).isEqualTo(4);
        assertThat(delta(before, after, "conversations", "ended_today")).isEqualTo(2);
        assertThat(delta(before, after, "summaries", "processed_today")).isEqualTo(2);
        if (before.get("conversations").get("ended_today").asLong() == 0) {
            assertThat(after.get("conversations").get("average_duration").asString()).isEqualTo("15 minutes");
            assertThat(after.get("summaries").get("average_processing_time").asString()).isEqualTo("45 seconds");
        }
        assertThat(after.get("date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    }

    @Test
    void topologyHasTheDeclaredDependenciesWithStatus() throws Exception {
        api.produce(change("chat_service", ServiceStatus.UP, ServiceStatus.DOWN, Instant.now()));
        await().atMost(WAIT).until(() -> api.getJson("/health/services").get("services").has("chat_service"));

        JsonNode topology = api.getJson("/topology");

        JsonNode gateway = node(topology, "gateway");
        assertThat(gateway.get("depends_on").valueStream().map(JsonNode::asString))
                .contains("chat_service", "npc_service", "summary_service", "model_service");
        assertThat(node(topology, "chat_service").get("status").asString()).isEqualTo("down");
        assertThat(node(topology, "chat_service").get("dependents").valueStream().map(JsonNode::asString))
                .containsExactly("gateway");
        assertThat(topology.get("edges").valueStream().filter(e -> e.get("from").asString().equals("gateway")
                && e.get("to").asString().equals("chat_service")).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("down");
    }

    @Test
    void topologyServesExactlyTheOneServiceGraph() throws Exception {
        JsonNode topology = api.getJson("/topology");

        Set<String> served = new TreeSet<>();
        topology.get("edges").forEach(edge -> served.add(edge.get("from").asString() + "->"
                + edge.get("to").asString()));
        Set<String> graph = new TreeSet<>();
        ServiceGraph.LIFE_STRANDS.dependsOn().forEach((from, calls) -> calls.forEach(to -> graph.add(from + "->" + to)));
        assertThat(served).isEqualTo(graph);
    }

    @Test
    void dashboardDataHasEveryPart() throws Exception {
        String service = "svc-dash-" + api.id;
        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DEGRADED, Instant.now()));
        api.produce(window(service, "latency_ms", "live1m", Instant.now().minusSeconds(60), MINUTE, 0, 12, 14));
        await().atMost(WAIT).until(() -> api.getJson("/dashboard/data").get("metrics").has(service));

        JsonNode body = api.getJson("/dashboard/data");

        assertThat(body.get("services").get(service).get("status").asString()).isEqualTo("degraded");
        assertThat(body.get("metrics").get(service).get("latency_ms").get("p50").asDouble())
                .isCloseTo(12, withinPercentage(1));
        assertThat(body.get("alerts").isArray()).isTrue();
        assertThat(body.get("business").has("conversations")).isTrue();
        assertThat(body.get("topology").get("services").isArray()).isTrue();
    }

    @Test
    void healthHistoryListsStatusChangesOfTheLastHours() throws Exception {
        String service = "svc-hh-" + api.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, now.minus(Duration.ofMinutes(30))));
        api.produce(change(service, ServiceStatus.DOWN, ServiceStatus.UP, now.minus(Duration.ofMinutes(10))));
        api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, now.minus(Duration.ofHours(5))));
        await().atMost(WAIT).until(api::historyCaughtUp);

        JsonNode recent = api.getJson("/health/history?hours=1&service=" + service);
        JsonNode day = api.getJson("/health/history?hours=24&service=" + service);

        assertThat(recent.get("count").asInt()).isEqualTo(2);
        assertThat(recent.get("changes").get(0).get("new_status").asString()).isEqualTo("up");
        assertThat(recent.get("changes").get(1).get("new_status").asString()).isEqualTo("down");
        assertThat(day.get("count").asInt()).isEqualTo(3);
        assertThat(api.get("/health/history?hours=0").statusCode()).isEqualTo(400);
    }

    @Test
    void healthNamesEveryDependencyAndThePipeline() throws Exception {
        api.produce(window("svc-fresh-" + api.id, "latency_ms", "live1m", Instant.now().minusSeconds(60), MINUTE,
                0, 1));
        await().atMost(WAIT).until(() -> api.getJson("/health").get("dependencies").get("pipeline").get("status")
                .asString().equals("up"));

        JsonNode health = api.getJson("/health");

        assertThat(health.get("dependencies").propertyNames()).contains("kafka", "redis", "postgres", "pipeline");
    }

    private MetricWindow day(String service, String metric, double... values) {
        return window(service, metric, "1d", today, Duration.ofDays(1), 0, values);
    }

    private static long delta(JsonNode before, JsonNode after, String group, String field) {
        return after.get(group).get(field).asLong() - before.get(group).get(field).asLong();
    }

    private static JsonNode node(JsonNode topology, String id) {
        return topology.get("services").valueStream().filter(n -> n.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id));
    }
}
