package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.ConfigChange.Change;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration-change event: what the api publishes and how the processor reads it back. */
class ConfigChangeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eventIsAnEventSampleOfTheMonitorWithSubjectAndChangeLabels() {
        Sample event = new ConfigChange("notification_settings", Change.UPDATED).toSample("api-1", T0);

        assertThat(Json.MAPPER.readTree(Json.encode(event))).isEqualTo(Json.MAPPER.readTree("""
                {"v":1,"kind":"event","host":"api-1","service":"monitor","ts":"2026-01-01T00:00:00Z","up":true,
                 "metrics":{},"labels":{"event":"config_change","subject":"notification_settings","change":"updated"}}
                """));
        assertThat(ConfigChange.of(event)).contains(new ConfigChange("notification_settings", Change.UPDATED));
    }

    @Test
    void aConfigChangeEventWithoutSubjectOrKnownChangeStillCounts() {
        Sample bare = new Sample(1, SampleKind.EVENT, "api-1", "monitor", T0, null, null, null, null, null,
                Map.of("event", "config_change", "change", "renamed"));

        assertThat(ConfigChange.of(bare)).contains(new ConfigChange("unknown", Change.UPDATED));
    }

    @Test
    void otherSamplesAreNoConfigChange() {
        Sample business = new Sample(1, SampleKind.EVENT, "api-1", "chat_service", T0, null, null, null, null, null,
                Map.of("event", "conversation_ended"));
        Sample probe = Sample.probe("c-1", "monitor", T0, true, 1.0, 200, null)
                .with(Map.of(), Map.of("event", "config_change"));

        assertThat(ConfigChange.of(business)).isEmpty();
        assertThat(ConfigChange.of(probe)).isEmpty();
        assertThatThrownBy(() -> new ConfigChange(" ", Change.ADDED)).hasMessageContaining("subject");
    }
}
