package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs every benchmark entry point with tiny parameters (seconds) against real servers, so none of them rots, and
 * checks the result file it wrote holds sane figures. Never asserts a timing: this machine may be busy.
 */
class BenchSmokeIT {

    private static final Path RESULTS = Path.of("target/smoke-results");

    @BeforeAll
    static void resultsDirectory() {
        System.setProperty(Results.DIRECTORY_PROPERTY, RESULTS.toString());
    }

    @Test
    void percentileAccuracyIsComputedForEveryResolution() throws Exception {
        JsonNode result = run("p3", "p3-percentile-accuracy", Map.of("minutes", "60", "per_minute", "50"));

        assertThat(result.get("values").asLong()).isEqualTo(3000);
        assertThat(result.get("max_relative_error_pct").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("sketch_max_relative_error_pct").has("1h")).isTrue();
        assertThat(result.get("prometheus_default_buckets_max_relative_error_pct").get("5m").get("p99").asDouble())
                .isPositive();
    }

    @Test
    void microBenchmarksProduceScores() throws Exception {
        JsonNode result = run("jmh", "jmh", Map.of("include", "(SketchBench.insert|SampleJsonBench.decodeRequest)",
                "iterations", "1", "time", "1", "forks", "0"));

        assertThat(result.get("benchmarks").asInt()).isEqualTo(2);
        assertThat(result.get("scores").get("SketchBench.insert").get("score").asDouble()).isPositive();
    }

    @Test
    void processorThroughputIsComparedWithPlainConsumer() throws Exception {
        JsonNode result = run("p1", "p1-processor-throughput", Map.of("records", "2000", "timeout", "120"));

        assertThat(result.get("processor_records_done").asLong()).isEqualTo(2000);
        assertThat(result.get("plain_consumer_records_per_s").asDouble()).isPositive();
        assertThat(result.get("ratio").asDouble()).isPositive();
    }

    @Test
    void ingestThroughputIsComparedWithProducerPerformance() throws Exception {
        JsonNode result = run("p2", "p2-ingest-throughput", Map.of("duration", "2", "clients", "2", "batch", "20"));

        assertThat(result.get("ingest_samples_accepted").asLong()).isPositive();
        assertThat(result.get("producer_perf_records_per_s").asDouble()).isPositive();
        assertThat(result.get("ratio").asDouble()).isPositive();
    }

    @Test
    void otlpIngestThroughputCountsPointsThatLandedInTheTopic() throws Exception {
        JsonNode result = run("p2otlp", "p2-otlp-ingest-throughput", Map.of("duration", "2", "clients", "2",
                "batch", "20", "observations", "10"));

        assertThat(result.get("otlp_points_accepted").asLong()).isPositive();
        assertThat(result.get("otlp_samples_in_topic").asLong())
                .isGreaterThanOrEqualTo(result.get("otlp_points_accepted").asLong());
        assertThat(result.get("otlp_observations_per_s").asDouble()).isPositive();
    }

    @Test
    void processorMemoryCountsEveryOpenSeriesWindow() throws Exception {
        JsonNode result = run("p8", "p8-processor-memory", Map.of("series", "400", "samples", "2",
                "timeout", "120"));

        assertThat(result.get("series_windows").asLong()).isEqualTo(400);
        assertThat(result.get("state_bytes_per_series_window").asDouble()).isPositive();
    }

    @Test
    void restLatencyIsMeasuredWithWrk() throws Exception {
        assumeThat(RestLatency.wrkInstalled()).as("wrk installed (apt-get install -y wrk)").isTrue();

        JsonNode result = run("p7", "p7-rest-latency", Map.of("duration", "2"));

        assertThat(result.get("paths").get("/metrics").get("requests").asLong()).isPositive();
        assertThat(result.get("paths").get("/dashboard/data").get("requests").asLong()).isPositive();
        assertThat(result.get("worst_p99_ms").asDouble()).isPositive();
    }

    @Test
    void liveViewLatencyWaitsForTheServicesLatencyFigure() throws Exception {
        JsonNode result = run("p5", "p5-sample-to-websocket-metrics_update", Map.of("type", "metrics_update",
                "services", "2", "spacing_ms", "100", "timeout", "120"));

        assertThat(result.get("deliveries").asLong()).isEqualTo(2);
        assertThat(result.get("p99_ms").asDouble()).isPositive();
    }

    @Test
    void sloBurnPageIsTimedAgainstTheTheory() throws Exception {
        JsonNode result = run("q2", "q2-slo-burn-page", Map.of("rates", "5"));

        assertThat(result.get("runs").asInt()).isEqualTo(1);
        assertThat(result.get("worst_offset_s").asDouble()).isLessThanOrEqualTo(5.0);
        assertThat(result.get("steady_service_alerts").asInt()).isZero();
    }

    @Test
    void alertDelayIsMeasuredFromTheMomentForElapsed() throws Exception {
        // lasts the rule's for (30 s) plus start-up: the one default-suite benchmark over 10 s
        JsonNode result = run("p4", "p4-alert-delay-after-for", Map.of("faults", "1", "timeout", "120"));

        assertThat(result.get("deliveries").asLong()).isEqualTo(1);
        assertThat(result.get("for_s").asLong()).isEqualTo(30);
    }

    @Test
    void webSocketClientsReceiveTheNewServicesStatus() throws Exception {
        // p5 is the same code with one client and no slow ones
        JsonNode result = run("p6", "p6-websocket-fan-out", Map.of("services", "2", "clients", "3", "slow", "1",
                "spacing_ms", "100", "timeout", "120"));

        assertThat(result.get("deliveries").asLong()).isEqualTo(6);
        assertThat(result.get("fast_clients_complete").asLong()).isEqualTo(3);
        assertThat(result.get("p99_ms").asDouble()).isPositive();
    }

    @Test
    void prometheusAlertDelayIsMeasured() throws Exception {
        // opt-in: needs Debian's prometheus and alertmanager and lasts over 30 s (the rule's for)
        assumeThat(Boolean.getBoolean("bench.smoke.prometheus") && PrometheusStack.installed())
                .as("-Dbench.smoke.prometheus=true and prometheus installed").isTrue();

        JsonNode result = run("p9alert", "p9-prometheus-alert-delay-tuned", Map.of("runs", "1"));

        assertThat(result.get("worst_fault_to_notification_s").asDouble()).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void ourAlertDelayIsMeasuredUntilTheWebhook() throws Exception {
        // opt-in: a whole system (collector, processor, api) waiting for the rule's for of 30 s
        assumeThat(Boolean.getBoolean("bench.smoke.alerts")).as("-Dbench.smoke.alerts=true").isTrue();

        JsonNode result = run("p9alert", "p9-ours-alert-delay-tuned", Map.of("system", "ours", "runs", "1"));

        assertThat(result.get("worst_fault_to_notification_s").asDouble()).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void prometheusComparisonMeasuresBothSidesAgainstExact() throws Exception {
        // opt-in: needs Debian's prometheus and waits for a one-minute window to close (up to 70 s)
        assumeThat(Boolean.getBoolean("bench.smoke.prometheus") && PrometheusStack.installed())
                .as("-Dbench.smoke.prometheus=true and prometheus installed").isTrue();

        JsonNode result = run("p9", "p9-prometheus-percentiles", Map.of("duration", "3", "rate", "50"));

        assertThat(result.get("requests").asLong()).isPositive();
        assertThat(result.get("ours_error_pct").get("p95").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(result.get("prometheus_error_pct").get("p95").asDouble()).isNotNegative();
    }

    private static JsonNode run(String benchmark, String file, Map<String, String> parameters) throws Exception {
        Path written = RESULTS.resolve(file + ".json");
        Files.deleteIfExists(written);

        Bench.run(benchmark, parameters);

        assertThat(written).exists();
        return Json.MAPPER.readTree(Files.readString(written));
    }
}
