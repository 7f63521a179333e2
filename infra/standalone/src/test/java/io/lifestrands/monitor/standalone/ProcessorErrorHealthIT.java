package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QUALITY R14, end to end: the whole system runs, the real processor's Streams client is forced into ERROR, and
 * {@code GET /health} answers {@code down} naming the processor, its ERROR and the cause, until the supervisor's new
 * client runs and the processor is {@code up} again.
 */
class ProcessorErrorHealthIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofMinutes(3);

    private Standalone system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aClientForcedIntoErrorIsDownInHealthUntilItsSuccessorRuns() throws Exception {
        system = Standalone.start(StandaloneOptions.ephemeral());
        await().atMost(WAIT).until(() -> system.processorState() == KafkaStreams.State.RUNNING);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> processor(health()).path("status")
                .asString().equals("up"));

        // as an operator might: the global consumer's position now lies past the new topic's end, and the global
        // thread dies with "Updating global state failed due to inconsistent local state"
        recreateRulesTopic();

        JsonNode down = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(this::health, health ->
                processor(health).path("status").asString().equals("down")
                        && processor(health).path("error").asString().contains("ERROR"));
        JsonNode back = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(this::health, health ->
                processor(health).path("status").asString().equals("up")
                        && system.processorState() == KafkaStreams.State.RUNNING);

        assertThat(down.path("status").asString()).isEqualTo("down");
        assertThat(down.path("failing").valueStream().map(JsonNode::asString)).anySatisfy(line -> assertThat(line)
                .startsWith("processor: down (processor ")
                .contains("ERROR", "StreamsException; caused by OffsetOutOfRangeException")
                // the public /health names the failure's types, never its messages
                .doesNotContain("Updating global state failed", Topics.ALERT_RULES.name()));
        assertThat(back.path("failing").valueStream().map(JsonNode::asString))
                .noneMatch(line -> line.startsWith("processor"));
        assertThat(system.processorState()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private void recreateRulesTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.bootstrapServers()))) {
            admin.deleteTopics(List.of(Topics.ALERT_RULES.name())).all().get();
            // deletion completes in the background; until then the catalog cannot create the topic again
            TopicPartition rules = new TopicPartition(Topics.ALERT_RULES.name(), 0);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                Topics.createMissing(admin, (short) 1);
                return admin.listOffsets(Map.of(rules, OffsetSpec.latest())).all().get().containsKey(rules);
            });
        }
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.apiPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode processor(JsonNode health) {
        return health.path("dependencies").path("processor");
    }
}
