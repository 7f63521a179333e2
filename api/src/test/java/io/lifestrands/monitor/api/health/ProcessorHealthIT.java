package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.ProcessorInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The processor entry of {@code /health} against the real broker, following the members of the processor's group. */
class ProcessorHealthIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        // an api of its own: its processor group must never have had a member before this test
        api = new ApiFixture();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void processorIsDownWithoutAnInstanceInItsGroupAndUpWhileOneIsThere() throws Exception {
        String missing = "no processor instance in consumer group " + api.processorGroup;
        await().atMost(WAIT).until(() -> processorStatus().equals("down"));

        JsonNode absent = api.getJson("/health");

        assertThat(absent.get("status").asString()).isEqualTo("down");
        assertThat(absent.get("dependencies").get("processor").get("error").asString()).isEqualTo(missing);
        assertThat(absent.get("failing").valueStream().map(JsonNode::asString))
                .contains("processor: down (" + missing + ")");

        try (ProcessorInstance instance = api.processorInstance()) {
            await().atMost(WAIT).until(() -> processorStatus().equals("up"));

            JsonNode running = api.getJson("/health");

            assertThat(running.get("dependencies").get("processor").has("error")).isFalse();
            assertThat(running.get("failing").valueStream().map(JsonNode::asString))
                    .noneMatch(line -> line.startsWith("processor"));
        }
        await().atMost(WAIT).until(() -> processorStatus().equals("down"));
        assertThat(api.getJson("/health").get("dependencies").get("processor").get("error").asString())
                .isEqualTo(missing);
    }

    private static String processorStatus() throws Exception {
        return api.getJson("/health").get("dependencies").get("processor").get("status").asString();
    }
}
