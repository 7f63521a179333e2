package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.collector.config.TestSettings.scraped;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prometheus probe scraping a local text exposition endpoint. */
class PrometheusProbeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String EXPOSITION = """
            # HELP http_requests_total Requests by code.
            # TYPE http_requests_total counter
            http_requests_total{method="get",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="200"} 3
            http_requests_total{method="get",code="500"} 12
            # TYPE queue_depth gauge
            queue_depth{queue="summary \\"main\\""} 8
            request_seconds_bucket{le="+Inf"} 40
            request_seconds_sum 12.5
            request_seconds_count 40
            broken_line{oops
            temperature NaN
            """;

    private final LocalServer server = new LocalServer();
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void chosenSeriesBecomeMetricsSummedOverMatches() {
        server.answer("/metrics", 200, "text/plain; version=0.0.4", EXPOSITION);

        Sample sample = probe(Map.of(
                "requests_total", "http_requests_total",
                "errors_total", "http_requests_total{code=\"500\"}",
                "get_ok_total", "http_requests_total{code=\"200\", method=\"get\"}",
                "summary_queue", "queue_depth{queue=\"summary \\\"main\\\"\"}",
                "request_seconds_sum", "request_seconds_sum",
                "missing", "no_such_series",
                "temperature", "temperature")).probe(T0);

        assertThat(sample.up()).isTrue();
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.latencyMs()).isPositive();
        assertThat(sample.metrics()).containsEntry("requests_total", 1042.0)
                .containsEntry("errors_total", 12.0)
                .containsEntry("get_ok_total", 1027.0)
                .containsEntry("summary_queue", 8.0)
                .containsEntry("request_seconds_sum", 12.5)
                .containsEntry("scraped_series", 8.0)
                .doesNotContainKeys("missing", "temperature");
    }

    @Test
    void serverErrorIsDown() {
        server.answer("/metrics", 503, "text/plain", "unavailable");

        Sample sample = probe(Map.of("requests_total", "http_requests_total")).probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("HTTP 503");
    }

    @Test
    void selectorThatDoesNotParseFailsAtCreationNamingTheMetric() {
        assertThatThrownBy(() -> probe(Map.of("bad", "http_requests_total{code=500}")))
                .hasMessageContaining("metrics.bad of target 'svc'")
                .hasMessageContaining("series selector");
    }

    private Probe probe(Map<String, String> metrics) {
        return probes.create(scraped("svc", TargetKind.PROMETHEUS, server.url(), null, metrics));
    }
}
