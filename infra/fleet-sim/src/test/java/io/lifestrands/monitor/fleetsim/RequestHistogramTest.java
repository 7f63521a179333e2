package io.lifestrands.monitor.fleetsim;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHistogramTest {

    @Test
    void rendersCumulativeDefaultBucketsWithSumAndCount() {
        RequestHistogram histogram = new RequestHistogram();

        histogram.observe(3);
        histogram.observe(10);
        histogram.observe(40);
        histogram.observe(12_000);

        String text = histogram.render("gateway");
        assertThat(text).contains("# TYPE http_request_duration_seconds histogram\n")
                .contains("http_request_duration_seconds_bucket{service=\"gateway\",le=\"0.005\"} 1\n")
                .contains("http_request_duration_seconds_bucket{service=\"gateway\",le=\"0.01\"} 2\n")
                .contains("http_request_duration_seconds_bucket{service=\"gateway\",le=\"0.05\"} 3\n")
                .contains("http_request_duration_seconds_bucket{service=\"gateway\",le=\"10.0\"} 3\n")
                .contains("http_request_duration_seconds_bucket{service=\"gateway\",le=\"+Inf\"} 4\n")
                .contains("http_request_duration_seconds_sum{service=\"gateway\"} 12.053\n")
                .contains("http_request_duration_seconds_count{service=\"gateway\"} 4\n");
    }

    @Test
    void metricsEndpointCountsTheRequestsTheListenerWasToldOf() throws Exception {
        List<Long> told = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (FleetSim fleet = FleetSim.start(0)) {
            fleet.onRequest((service, latencyMs, status) -> told.add(latencyMs));

            for (int i = 0; i < 3; i++) {
                http.send(HttpRequest.newBuilder(URI.create(fleet.baseUrl("npc_service") + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            String metrics = http.send(HttpRequest.newBuilder(URI.create(fleet.baseUrl("npc_service") + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(told).hasSize(3);
            assertThat(metrics).contains("http_request_duration_seconds_count{service=\"npc_service\"} 3\n");
        }
    }
}
