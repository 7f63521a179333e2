package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each status's wire name is its JSON form, and the status topic's JSON Schema lists exactly these. */
class ServiceStatusTest {

    @Test
    void wireNameIsTheJsonNameAndTheSchemaListsEveryStatus() throws IOException {
        JsonNode schema;
        try (InputStream in = ServiceStatusTest.class.getResourceAsStream("/schema/status-change.v1.json")) {
            schema = Json.MAPPER.readTree(in);
        }
        List<String> listed = new ArrayList<>();
        schema.get("properties").get("new_status").get("enum").forEach(value -> listed.add(value.asString()));

        assertThat(Arrays.stream(ServiceStatus.values()).map(ServiceStatus::wire))
                .allSatisfy(wire -> assertThat(Json.write(Json.read('"' + wire + '"', ServiceStatus.class)))
                        .isEqualTo('"' + wire + '"'))
                .containsExactlyInAnyOrderElementsOf(listed)
                .contains("monitoring_failed");
    }
}
