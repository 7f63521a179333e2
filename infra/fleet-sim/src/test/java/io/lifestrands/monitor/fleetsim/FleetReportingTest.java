package io.lifestrands.monitor.fleetsim;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fleet's traffic reports as a collector receives them: a tiny HTTP server captures every request body. */
class FleetReportingTest {

    private static final String TOKEN = "fleet-test-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private HttpServer collector;
    private FleetSim fleet;

    private record Captured(String path, String authorization, String contentType, byte[] body) {
    }

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        collector.createContext("/", exchange -> {
            try (exchange) {
                captured.add(new Captured(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/ingest") ? 202 : 200, -1);
            }
        });
        collector.start();
        fleet = FleetSim.start(0);
        fleet.startReporting(FleetReporting.to("http://localhost:" + collector.getAddress().getPort() + "/", TOKEN)
                .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        fleet.close();
        collector.stop(0);
    }

    @Test
    void otlpServicesExportDeltaExponentialHistogramsOfTheirRequestsInSeconds() throws Exception {
        fleet.setFault("chat_service", Fault.ERRORS);
        for (String service : List.of("model_service", "chat_service", "npc_service", "summary_service")) {
            for (int i = 0; i < 12; i++) {
                get(service, i % 4 == 0 ? SimService.SLOW_ROUTE : SimService.WORK_ROUTE);
            }
        }
        // past two exports: the SDK records its own collection metrics at the first, they must not be sent
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                captured.stream().filter(request -> request.path().equals("/v1/metrics")).count() >= 2);

        fleet.close();

        List<ResourceMetrics> resources = new ArrayList<>();
        for (Captured request : captured) {
            assertThat(request.path()).isEqualTo("/v1/metrics");
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(request.contentType()).isEqualTo("application/x-protobuf");
            resources.addAll(ExportMetricsServiceRequest.parseFrom(request.body()).getResourceMetricsList());
        }
        Map<String, List<ExponentialHistogramDataPoint>> points = resources.stream().collect(Collectors.groupingBy(
                resource -> string(resource.getResource().getAttributesList(), "service.name"),
                Collectors.flatMapping(resource -> resource.getScopeMetricsList().stream()
                        .flatMap(scope -> scope.getMetricsList().stream())
                        .peek(FleetReportingTest::isDeltaExponentialInSeconds)
                        .flatMap(metric -> metric.getExponentialHistogram().getDataPointsList().stream()),
                        Collectors.toList())));
        assertThat(points).containsOnlyKeys("model_service", "chat_service", "npc_service", "summary_service");
        assertThat(resources).allSatisfy(resource ->
                assertThat(string(resource.getResource().getAttributesList(), "host.name")).isNotBlank());
        points.forEach((service, list) -> {
            assertThat(list.stream().mapToLong(ExponentialHistogramDataPoint::getCount).sum()).as(service)
                    .isEqualTo(12);
            assertThat(list).as(service).allSatisfy(point -> {
                assertThat(point.getScale()).isGreaterThanOrEqualTo(6);
                assertThat(string(point.getAttributesList(), "http.request.method")).isEqualTo("GET");
                assertThat(string(point.getAttributesList(), "http.route")).isIn(SimService.WORK_ROUTE,
                        SimService.SLOW_ROUTE);
            });
        });
        assertThat(points.get("chat_service")).extracting(point -> status(point.getAttributesList()))
                .contains(500L);
        assertThat(points.get("model_service")).extracting(point -> status(point.getAttributesList()))
                .contains(200L);
    }

    @Test
    void gatewayPushesRequestSamplesToIngest() throws Exception {
        for (int i = 0; i < 5; i++) {
            get("gateway", SimService.WORK_ROUTE);
        }
        get("gateway", "/health");

        fleet.close();

        List<Captured> pushes = captured.stream().filter(request -> request.path().equals("/ingest")).toList();
        assertThat(pushes).isNotEmpty().allSatisfy(push -> {
            assertThat(push.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(push.contentType()).isEqualTo("application/json");
        });
        List<JsonNode> samples = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        pushes.forEach(push -> json.readTree(push.body()).forEach(samples::add));
        assertThat(samples).hasSize(5).allSatisfy(sample -> {
            assertThat(sample.path("kind").asString()).isEqualTo("request");
            assertThat(sample.path("service").asString()).isEqualTo("gateway");
            assertThat(sample.path("latency_ms").isNumber()).isTrue();
            assertThat(sample.path("status_code").asInt()).isIn(200, 500);
            assertThat(sample.path("up").asBoolean()).isEqualTo(sample.path("status_code").asInt() < 500);
            assertThat(sample.at("/labels/http.route").asString()).isEqualTo(SimService.WORK_ROUTE);
        });
    }

    @Test
    void withoutCollectorUrlNothingIsReported() throws Exception {
        FleetSim quiet = FleetSim.start(0);
        try {
            quiet.startReporting(FleetReporting.none());
            HTTP.send(HttpRequest.newBuilder(URI.create(quiet.baseUrl("model_service") + SimService.WORK_ROUTE))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            quiet.close();
        }

        assertThat(captured).isEmpty();
    }

    @Test
    void environmentNamesTheCollectorTokenAndIntervals() {
        FleetReporting reporting = FleetReporting.fromEnv(Map.of("MONITOR_FLEET_COLLECTOR_URL", "http://collector:8006",
                "MONITOR_FLEET_INGEST_TOKEN", "t", "MONITOR_FLEET_EXPORT_INTERVAL", "15s",
                "MONITOR_FLEET_HOST", "fleet-sim"));

        assertThat(reporting.enabled()).isTrue();
        assertThat(reporting.exportInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(reporting.ingestInterval()).isEqualTo(FleetReporting.DEFAULT_INGEST_INTERVAL);
        assertThat(reporting.hostName()).isEqualTo("fleet-sim");
        assertThat(reporting.token()).isEqualTo("t");
        assertThat(FleetReporting.fromEnv(Map.of("MONITOR_FLEET_INGEST_TOKEN", "", "MONITOR_API_TOKEN", "op"))
                .token()).as("the collector's fallback, sent by the fleet").isEqualTo("op");
        assertThat(FleetReporting.fromEnv(Map.of()).token()).isNull();
        assertThat(FleetReporting.fromEnv(Map.of()).enabled()).isFalse();
        assertThatThrownBy(() -> FleetReporting.fromEnv(Map.of("MONITOR_FLEET_EXPORT_INTERVAL", "soon")))
                .hasMessageContaining("MONITOR_FLEET_EXPORT_INTERVAL");
        assertThatThrownBy(() -> FleetSim.trafficRate(Map.of("MONITOR_FLEET_TRAFFIC_RATE", "-1")))
                .hasMessageContaining("MONITOR_FLEET_TRAFFIC_RATE");
    }

    private void get(String service, String path) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(fleet.baseUrl(service) + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void isDeltaExponentialInSeconds(Metric metric) {
        assertThat(metric.getName()).isEqualTo(OtlpTrafficReporter.METRIC);
        assertThat(metric.getUnit()).isEqualTo("s");
        assertThat(metric.hasExponentialHistogram()).isTrue();
        assertThat(metric.getExponentialHistogram().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    }

    private static String string(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
                .map(AnyValue::getStringValue).findFirst().orElse("");
    }

    private static long status(List<KeyValue> attributes) {
        return attributes.stream().filter(kv -> kv.getKey().equals("http.response.status_code"))
                .map(kv -> kv.getValue().getIntValue()).findFirst().orElse(-1L);
    }
}
