package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.ProcessorInstance;
import io.lifestrands.monitor.api.TestRecords;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor entry of {@code /health} on a real broker, driven by heartbeats the test sends while a member of the
 * processor's consumer group keeps the group stable throughout: as after a Streams client died, the group alone would
 * still say up.
 */
class ProcessorHeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CAUSE = "StreamsException: Updating global state failed.; caused by "
            + "OffsetOutOfRangeException: Fetch position FetchPosition{offset=9} is out of range for partition "
            + "monitor.alert-rules.v1-0";
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = new ApiFixture();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void runningThenErrorThenSilenceTakeTheProcessorAndTheApiFromHealthyToDown() throws Exception {
        String instance = "it-host-" + api.id.substring(0, 8);
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api.produce(TestRecords.window("beat_svc", "latency_ms", since.truncatedTo(ChronoUnit.MINUTES), 12.0));

        try (ProcessorInstance member = api.processorInstance()) {
            // another application's instance on the same topic is none of this api's business
            send(heartbeat("other-" + instance, "another-processor", ProcessorHeartbeat.ERROR, since, Instant.now(),
                    CAUSE));
            // a running instance sends a heartbeat every few seconds; so does the test while it waits
            await().atMost(WAIT).until(() -> {
                send(heartbeat(instance, api.processorGroup, ProcessorHeartbeat.RUNNING, since, Instant.now(), null));
                return health().get("status").asString().equals("healthy");
            });

            String down = "processor " + instance + ": ERROR since " + since
                    + " (StreamsException; caused by OffsetOutOfRangeException), restart 2 pending";
            JsonNode failed = await().atMost(WAIT).until(() -> {
                send(heartbeat(instance, api.processorGroup, ProcessorHeartbeat.ERROR, since, Instant.now(), CAUSE));
                return health();
            }, health -> down.equals(processor(health).path("error").asString()));

            send(heartbeat(instance, api.processorGroup, ProcessorHeartbeat.RUNNING, since.minusSeconds(40),
                    Instant.now().minusSeconds(40), null));
            JsonNode silent = await().atMost(WAIT).until(ProcessorHeartbeatIT::health,
                    health -> processor(health).path("error").asString().startsWith("no processor heartbeat for"));

            assertThat(processor(failed).get("status").asString()).isEqualTo("down");
            assertThat(failed.get("status").asString()).isEqualTo("down");
            assertThat(failed.get("failing").valueStream().map(JsonNode::asString))
                    .contains("processor: down (" + down + ")");
            assertThat(processor(silent).get("status").asString()).isEqualTo("down");
            assertThat(silent.get("status").asString()).isEqualTo("down");
        }
    }

    /** A heartbeat of {@code instance}, sent at {@code ts}, after one restart. */
    private static ProcessorHeartbeat heartbeat(String instance, String applicationId, String state, Instant since,
                                                Instant ts, String reason) {
        return new ProcessorHeartbeat(null, instance, applicationId, state, since, ts, 1, reason, "it-cluster");
    }

    private static void send(ProcessorHeartbeat heartbeat) {
        api.send(Topics.PROCESSOR_HEALTH.name(), heartbeat.instance(), Json.encode(heartbeat));
    }

    private static JsonNode health() throws Exception {
        return api.getJson("/health");
    }

    private static JsonNode processor(JsonNode health) {
        return health.get("dependencies").get("processor");
    }
}
