package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertViewTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AlertView view = AlertView.of(new AlertEvent(null, "fp-1", "fp", "service_down", Severity.CRITICAL,
            "chat_service", AlertState.FIRING, 0, 0, "down", T0, null, Map.of("team", "core")))
            .acknowledgedBy(new AlertAcknowledged("fp-1", "oncall", T0.plusSeconds(5), null));

    @Test
    void writesTheWireNamesWithTheSeedsLevelAndLeavesAbsentFieldsOut() {
        JsonNode json = Json.MAPPER.readTree(Json.write(view));

        assertThat(json.path("severity").asString()).isEqualTo("critical");
        assertThat(json.path("level").asString()).isEqualTo("critical");
        assertThat(json.path("state").asString()).isEqualTo("firing");
        assertThat(json.path("starts_at").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.path("acknowledged").asBoolean()).isTrue();
        assertThat(json.path("acknowledged_by").asString()).isEqualTo("oncall");
        assertThat(json.has("ends_at")).isFalse();
        assertThat(json.has("comment")).isFalse();
    }

    @Test
    void readsBackWhatItWrites() {
        assertThat(Json.read(Json.write(view), AlertView.class)).isEqualTo(view);
    }
}
