package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.ProcessorInstance;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code /debug} endpoints, Prometheus gauges and the OpenAPI description on real servers. */
class DebugIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void simulateFailureProducesMarkedFailingSamplesForTheDuration() throws Exception {
        String service = "svc-sim-" + api.id;
        try (KafkaConsumer<byte[], byte[]> samples = samplesFromNow()) {
            JsonNode injection = api.postJson("/debug/simulate-failure",
                    "{\"service\":\"" + service + "\",\"failure_type\":\"down\",\"duration_s\":1}", 202);

            List<Sample> produced = collect(samples, s -> s.service().equals(service), 3);

            assertThat(injection.get("service").asString()).isEqualTo(service);
            assertThat(Duration.between(Instant.parse(injection.get("starts_at").asString()),
                    Instant.parse(injection.get("ends_at").asString()))).isEqualTo(Duration.ofSeconds(1));
            assertThat(produced).allSatisfy(sample -> {
                assertThat(sample.up()).isFalse();
                assertThat(sample.labels()).containsEntry("synthetic", "simulate-failure");
            });
        }
        assertThat(api.post("/debug/simulate-failure", "{\"service\":\"x\",\"failure_type\":\"melt\"}")
                .statusCode()).isEqualTo(400);
        assertThat(api.post("/debug/simulate-failure",
                "{\"service\":\"x\",\"failure_type\":\"down\",\"duration_s\":999999}").statusCode()).isEqualTo(400);
    }

    @Test
    void simulatedErrorsAndSlownessAreTrafficThatFailsOrCrawls() throws Exception {
        String service = "svc-traffic-" + api.id;
        try (KafkaConsumer<byte[], byte[]> samples = samplesFromNow()) {
            api.postJson("/debug/simulate-failure",
                    "{\"service\":\"" + service + "\",\"failure_type\":\"errors\",\"duration_s\":1}", 202);
            api.postJson("/debug/simulate-failure",
                    "{\"service\":\"" + service + "-slow\",\"failure_type\":\"slow\",\"duration_s\":1}", 202);

            Sample failing = collect(samples, s -> s.service().equals(service), 1).get(0);
            Sample slow = collect(samples, s -> s.service().equals(service + "-slow"), 1).get(0);

            assertThat(failing.kind()).isEqualTo(SampleKind.REQUEST);
            assertThat(failing.failed()).isTrue();
            assertThat(failing.statusCode()).isEqualTo(500);
            assertThat(slow.kind()).isEqualTo(SampleKind.REQUEST);
            assertThat(slow.failed()).isFalse();
            assertThat(slow.latencyMs()).isEqualTo(5_000.0);
        }
    }

    @Test
    void testAlertsInjectsSamplesThatMeetTheRulesCondition() throws Exception {
        String service = "svc-ta-" + api.id;
        try (KafkaConsumer<byte[], byte[]> samples = samplesFromNow()) {
            api.postJson("/debug/test-alerts", "{\"trigger_type\":\"high_latency\",\"service\":\"" + service + "\"}",
                    202);
            api.postJson("/debug/test-alerts", "{\"trigger_type\":\"gpu_memory_full\",\"service\":\"" + service
                    + "-gpu\"}", 202);

            List<Sample> latency = collect(samples, s -> s.service().equals(service), 2);
            List<Sample> gpu = collect(samples, s -> s.service().equals(service + "-gpu"), 2);

            assertThat(latency).allSatisfy(s -> assertThat(s.latencyMs()).isGreaterThan(2000));
            assertThat(gpu).allSatisfy(s -> assertThat(s.metrics().get("vram_used_pct")).isGreaterThan(95));
        }
        var unknown = api.post("/debug/test-alerts", "{\"trigger_type\":\"meteor\",\"service\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("high_latency", "service_down");
    }

    @Test
    void validateMetricsReportsInconsistentWindowsOnly() throws Exception {
        String service = "svc-val-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MetricWindow good = window(service, "latency_ms", "live1m", start, Duration.ofMinutes(1), 0, 10, 20, 30);
        MetricWindow bad = new MetricWindow(null, service, "queue_depth", "live1m", start, start.plusSeconds(60), 2,
                0, 10, 1, 9, 5, 50, 60, 70, 2, 0, null, null);
        api.produce(good);
        api.produce(bad);
        await().atMost(WAIT).until(() -> api.getJson("/metrics/" + service).get("metrics").has("queue_depth"));

        JsonNode report = api.postJson("/debug/validate-metrics", null, 200);

        List<String> keys = report.get("problems").valueStream().map(p -> p.get("key").asString()).toList();
        assertThat(keys).contains(bad.key()).doesNotContain(good.key());
        assertThat(report.get("checked").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void alertEvaluationShowsEachRulesLatestStatePerService() throws Exception {
        String service = "svc-eval-" + api.id;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        api.produce(alert("ev1-" + api.id, "error_rate", Severity.WARNING, service, AlertState.FIRING, t0));
        api.produce(alert("ev1-" + api.id, "error_rate", Severity.WARNING, service, AlertState.RESOLVED, t0));
        api.produce(alert("ev2-" + api.id, "error_rate", Severity.WARNING, service, AlertState.PENDING,
                t0.plusSeconds(400)));
        await().atMost(WAIT).until(api::historyCaughtUp);

        JsonNode body = api.getJson("/debug/alert-evaluation");

        JsonNode latest = body.get("rules").get("error_rate").get(service);
        assertThat(latest.get("id").asString()).isEqualTo("ev2-" + api.id);
        assertThat(latest.get("state").asString()).isEqualTo("pending");
    }

    @Test
    void prometheusCarriesTheLatestAggregatesAsGauges() throws Exception {
        String service = "svc-prom-" + api.id;
        MetricWindow latency = window(service, "latency_ms", "live1m", Instant.now().minusSeconds(60),
                Duration.ofMinutes(1), 1, 10, 20, 30, 4000);
        api.produce(latency);
        String p95 = "monitor_service_latency_ms{application=\"monitor-api\",quantile=\"0.95\",service=\""
                + service + "\"}";

        await().atMost(WAIT).until(() -> api.get("/actuator/prometheus").body().contains(p95));

        String scrape = api.get("/actuator/prometheus").body();
        assertThat(gauge(scrape, p95)).isEqualTo(latency.p95());
        assertThat(scrape).contains("http_server_requests_seconds_count");
        assertThat(scrape).contains("monitor_service_error_rate{application=\"monitor-api\",service=\"" + service
                + "\"} 0.25");
    }

    @Test
    void npcServiceFiguresReachMetricsBusinessAndPrometheus() throws Exception {
        String service = "npc-gauges-" + api.id;
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        JsonNode before = api.getJson("/analytics/business").get("npcs");
        // as the collector's http probe reads them from the NPC service's /health body
        api.produce(window(service, "npcs_total", minute, 245));
        api.produce(window(service, "npcs_active", minute, 189));
        api.produce(window(service, "event:npc_updated", "1d", today, Duration.ofDays(1), 0, 1, 1, 1, 1));
        String total = "monitor_service_metric{application=\"monitor-api\",metric=\"npcs_total\",service=\""
                + service + "\"}";
        String updated = "monitor_service_events_today{application=\"monitor-api\",event=\"npc_updated\",service=\""
                + service + "\"}";

        await().atMost(WAIT).until(() -> {
            String scrape = api.get("/actuator/prometheus").body();
            return scrape.contains(total) && scrape.contains(updated);
        });

        String scrape = api.get("/actuator/prometheus").body();
        assertThat(gauge(scrape, total)).isEqualTo(245.0);
        assertThat(gauge(scrape, "monitor_service_metric{application=\"monitor-api\",metric=\"npcs_active\","
                + "service=\"" + service + "\"}")).isEqualTo(189.0);
        assertThat(gauge(scrape, updated)).isEqualTo(4.0);
        JsonNode metrics = api.getJson("/metrics/" + service).get("metrics");
        assertThat(metrics.get("npcs_total").asDouble()).isEqualTo(245.0);
        JsonNode after = api.getJson("/analytics/business").get("npcs");
        assertThat(after.get("total_count").asLong() - before.path("total_count").asLong(0)).isEqualTo(245);
        assertThat(after.get("active_count").asLong() - before.path("active_count").asLong(0)).isEqualTo(189);
        assertThat(after.get("updated_today").asLong() - before.get("updated_today").asLong()).isEqualTo(4);
    }

    private static double gauge(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).map(line -> line.split(" ")[1])
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow(() -> new AssertionError("no " + series));
    }

    @Test
    void inspectionEndpointsAnswerWithTheirFigures() throws Exception {
        JsonNode health = api.getJson("/debug/monitor-health");
        JsonNode checks;
        // the checks include the processor's consumer group: all_up needs a processor instance in it
        try (ProcessorInstance processor = api.processorInstance()) {
            checks = api.getJson("/debug/test-health-checks");
        }
        JsonNode resources = api.getJson("/debug/resource-usage");
        JsonNode timing = api.getJson("/debug/timing-analysis");
        JsonNode performance = api.getJson("/debug/performance-stats");
        JsonNode collection = api.postJson("/debug/test-metrics-collection", null, 200);
        JsonNode openApi = api.getJson("/v3/api-docs");

        assertThat(health.get("dependencies").propertyNames()).contains("kafka", "redis", "postgres", "processor");
        assertThat(checks.get("all_up").asBoolean()).isTrue();
        assertThat(resources.get("heap_used_bytes").asLong()).isPositive();
        assertThat(timing.has("newest_window_age_ms")).isTrue();
        assertThat(performance.get("requests").valueStream().anyMatch(r -> r.get("uri").asString()
                .equals("/debug/monitor-health"))).isTrue();
        assertThat(collection.get("topic").asString()).isEqualTo(Topics.SAMPLES.name());
        assertThat(collection.get("offset").asLong()).isNotNegative();
        assertThat(openApi.get("paths").propertyNames()).contains("/alerts/{id}/acknowledge", "/health",
                "/debug/simulate-failure", "/analytics/business");
        // the shared api's one collector is absent: listed, unreachable, with the failure's type only
        JsonNode collectors = api.getJson("/debug/collection-status");
        assertThat(collectors.size()).isEqualTo(1);
        assertThat(collectors.get(0).get("url").asString()).isEqualTo(ApiFixture.ABSENT_COLLECTOR);
        assertThat(collectors.get(0).get("reachable").asBoolean()).isFalse();
        assertThat(collectors.get(0).get("error").asString()).isEqualTo("ConnectException");
    }

    private static KafkaConsumer<byte[], byte[]> samplesFromNow() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAMPLES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static List<Sample> collect(KafkaConsumer<byte[], byte[]> consumer, Predicate<Sample> wanted, int n) {
        List<Sample> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Sample sample = Json.decode(record.value(), Sample.class);
                if (wanted.test(sample)) {
                    found.add(sample);
                }
            }
            return found.size() >= n;
        });
        return found;
    }
}
