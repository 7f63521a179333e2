package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceLabelsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void copiesTheLabelsAndRoundTrips() {
        Map<String, String> given = new HashMap<>(Map.of("model_type", "llama", "platform", "cuda"));

        ServiceLabels labels = new ServiceLabels(null, "model_service", given, T0);
        given.put("model_type", "mistral");

        assertThat(labels.v()).isEqualTo(ServiceLabels.VERSION);
        assertThat(labels.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("model_type", "llama",
                "platform", "cuda"));
        assertThat(Json.write(labels)).contains("\"labels\":{").contains("\"ts\":\"2026-01-01T00:00:00Z\"");
        assertThat(Json.read(Json.write(labels), ServiceLabels.class)).isEqualTo(labels);
    }

    @Test
    void absentLabelsAreEmptyNotNull() {
        assertThat(new ServiceLabels(null, "gateway", null, T0).labels()).isEmpty();
    }

    @Test
    void rejectsABadServiceAMissingTsAndABadLabelNamingTheField() {
        assertThatThrownBy(() -> new ServiceLabels(null, "a b", Map.of(), T0))
                .hasMessageContaining("service must match");
        assertThatThrownBy(() -> new ServiceLabels(null, "gateway", Map.of(), null)).hasMessageContaining("ts");
        assertThatThrownBy(() -> new ServiceLabels(null, "gateway", Map.of("bad key", "x"), T0))
                .hasMessageContaining("labels");
    }
}
