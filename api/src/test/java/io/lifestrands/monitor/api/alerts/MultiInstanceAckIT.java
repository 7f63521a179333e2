package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.feed.SocketClient;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api instances on one broker and one PostgreSQL, each with its own consumer groups: an acknowledgement taken by
 * one reaches the WebSocket clients and the active alerts of the other through {@code monitor.alert-acks.v1}.
 */
class MultiInstanceAckIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anAcknowledgementTakenByOneInstanceReachesTheClientsOfAnother() throws Exception {
        try (ApiFixture taking = new ApiFixture();
             ApiFixture other = new ApiFixture(Map.of("monitor.api.database-url", taking.databaseUrl()))) {
            String service = "svc-ack-multi-" + taking.id;
            AlertEvent firing = alert("ep-multi-" + taking.id, "service_down", Severity.CRITICAL, service,
                    AlertState.FIRING, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
            URI feed = URI.create(other.webSocketUri() + "?services=" + service);
            try (SocketClient client = SocketClient.connect(feed)) {
                await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());
                taking.produce(firing);
                await().atMost(WAIT).until(() -> !client.ofType("alert").isEmpty());
                await().atMost(WAIT).until(taking::historyCaughtUp);

                JsonNode answer = taking.postJson("/alerts/" + firing.id() + "/acknowledge",
                        "{\"by\":\"alice\",\"comment\":\"on it\"}", 200);

                await().atMost(WAIT).until(() -> !client.ofType("alert_acknowledged").isEmpty());
                JsonNode ack = client.ofType("alert_acknowledged").get(0);
                assertThat(answer.path("acknowledged").asBoolean()).isTrue();
                assertThat(ack.path("alert_id").asString()).isEqualTo(firing.id());
                assertThat(ack.path("service").asString()).isEqualTo(service);
                assertThat(ack.path("acknowledged_by").asString()).isEqualTo("alice");
                assertThat(ack.path("comment").asString()).isEqualTo("on it");
                assertThat(ack.path("acknowledged_at").asString())
                        .isEqualTo(answer.at("/alert/acknowledged_at").asString());
            }
            try (SocketClient later = SocketClient.connect(feed)) {
                await().atMost(WAIT).until(() -> !later.ofType("snapshot").isEmpty());

                JsonNode open = later.ofType("snapshot").get(0).at("/data/alerts/0");
                assertThat(open.path("id").asString()).isEqualTo(firing.id());
                assertThat(open.path("acknowledged").asBoolean()).isTrue();
                assertThat(open.path("acknowledged_by").asString()).isEqualTo("alice");
            }
            JsonNode listed = other.getJson("/alerts?state=active").path("alerts");
            assertThat(listed.valueStream().filter(a -> a.path("id").asString().equals(firing.id()))
                    .map(a -> a.path("acknowledged").asBoolean())).containsExactly(true);
        }
    }
}
