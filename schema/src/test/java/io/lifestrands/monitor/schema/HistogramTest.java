package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistogramTest {

    @Test
    void aHistogramSampleRoundTripsInSnakeCaseAndOlderFieldsStayAsTheyWere() {
        String json = """
                {"v":1,"kind":"request","host":"otel","service":"chat","ts":"2026-01-01T00:00:00Z","up":true,
                 "histogram":{"metric":"http.server.request.duration","unit":"s","scale":6,"offset":-300,
                 "bucket_counts":[2,0,1],"zero_count":1,"count":4,"sum":0.03,"min":0.0,"max":0.01}}""";

        Sample sample = Json.decode(json.getBytes(), Sample.class);

        assertThat(sample.histogram().bucketCounts()).containsExactly(2L, 0L, 1L);
        assertThat(sample.histogram().exponential()).isTrue();
        assertThat(Json.decode(Json.encode(sample), Sample.class)).isEqualTo(sample);
        assertThat(new String(Json.encode(sample))).contains("\"bucket_counts\"", "\"zero_count\"")
                .doesNotContain("explicit_bounds");
    }

    @Test
    void refusesInconsistentHistograms() {
        assertThatThrownBy(() -> new Histogram("d", null, 6, 0, List.of(1L, 2L), null, 0L, 4, 1, null, null))
                .hasMessageContaining("count must be");
        assertThatThrownBy(() -> new Histogram("d", null, 6, 0, List.of(1L), List.of(1.0), 0L, 1, 1, null, null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Histogram("d", null, null, null, List.of(1L, 1L), List.of(2.0, 1.0), 0L, 2, 1,
                null, null)).hasMessageContaining("bucket_counts of explicit_bounds + 1");
        assertThatThrownBy(() -> new Histogram("d", null, null, null, List.of(1L, 1L, 0L), List.of(2.0, 1.0), 0L, 2,
                1, null, null)).hasMessageContaining("increasing");
        assertThatThrownBy(() -> new Histogram("d", null, 21, 0, List.of(), null, 0L, 0, 0, null, null))
                .hasMessageContaining("scale");
    }

    @Test
    void aHistogramNeedsARequestSampleWithoutLatency() {
        Histogram histogram = new Histogram("d", "s", 6, 0, List.of(1L), null, 0L, 1, 1.01, null, null);
        assertThatThrownBy(() -> new Sample(1, SampleKind.REQUEST, "h", "s", java.time.Instant.EPOCH, true, 3.0, null,
                null, null, null, null, histogram)).hasMessageContaining("no latency_ms");
        assertThatThrownBy(() -> new Sample(1, SampleKind.PROBE, "h", "s", java.time.Instant.EPOCH, true, null, null,
                null, null, null, null, histogram)).hasMessageContaining("kind request");
    }
}
