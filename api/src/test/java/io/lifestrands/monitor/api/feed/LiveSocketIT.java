package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@code /ws/monitor} protocol against the real api, Kafka, PostgreSQL and Redis, with reads protected. */
class LiveSocketIT {

    private static final String TOKEN = "live-it-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DASHBOARD_ORIGIN = "https://dashboard.example";
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = new ApiFixture(TestServers.redis().url(), Map.of(
                "monitor.api.live.require-token", "true",
                "monitor.api.live.token", TOKEN,
                "monitor.api.live.heartbeat-interval", "1s",
                "monitor.api.live.heartbeat-timeout", "3s",
                // S3: one configured foreign origin (a pattern, as operators write them) besides the api's own
                "monitor.api.live.allowed-origins", "https://*.example"));
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    private static URI uri(String query) {
        return URI.create(api.webSocketUri() + "?token=" + TOKEN + (query.isEmpty() ? "" : "&" + query));
    }

    @Test
    void everyMessageAfterTheSnapshotCarriesTheNextSeq() throws Exception {
        String service = "svc-seq-" + api.id;
        try (SocketClient client = SocketClient.connect(uri(""))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            for (int i = 0; i < 3; i++) {
                api.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, Instant.now().plusMillis(i)));
            }

            await().atMost(WAIT).until(() -> client.ofType("status_change").stream()
                    .filter(m -> m.path("service").asString().equals(service)).count() == 3
                    && client.ofType("metrics_update").size() >= 2);
            long next = client.ofType("snapshot").get(0).path("seq").asLong() + 1;
            for (JsonNode message : client.sequenced()) {
                assertThat(message.path("seq").asLong()).as(message.toString()).isEqualTo(next++);
            }
            assertThat(client.ofType("snapshot").get(0).path("stream").asString()).isNotBlank();
        }
    }

    @Test
    void aResumingClientGetsWhatItMissedInOrder() throws Exception {
        String service = "svc-resume-" + api.id;
        JsonNode last;
        try (SocketClient first = SocketClient.connect(uri("types=status_change"))) {
            await().atMost(WAIT).until(() -> !first.ofType("snapshot").isEmpty());
            last = first.ofType("snapshot").get(0);
        }
        api.produce(change(service, ServiceStatus.UP, ServiceStatus.DEGRADED, Instant.now()));
        await().atMost(WAIT).until(() -> api.getJson("/health/services").path("services").has(service));

        try (SocketClient again = SocketClient.connect(uri("types=status_change&last_seq=" + last.path("seq")
                .asLong() + "&stream=" + last.path("stream").asString()))) {
            await().atMost(WAIT).until(() -> again.ofType("status_change").stream()
                    .anyMatch(m -> m.path("service").asString().equals(service)));

            assertThat(again.messages.get(0).path("type").asString()).isEqualTo("resumed");
            assertThat(again.ofType("snapshot")).isEmpty();
            assertThat(again.messages.get(0).path("from_seq").asLong()).isEqualTo(last.path("seq").asLong() + 1);
        }
    }

    @Test
    void aResumeThatCannotBeServedGetsAFreshSnapshotSayingWhy() throws Exception {
        try (SocketClient client = SocketClient.connect(uri("last_seq=5&stream=another-server"))) {
            await().atMost(WAIT).until(() -> !client.messages.isEmpty());

            JsonNode first = client.messages.get(0);
            assertThat(first.path("type").asString()).isEqualTo("snapshot");
            assertThat(first.path("reason").asString()).startsWith("resume_unavailable");
        }
    }

    @Test
    void subscriptionsFilterByTypeAndServiceAndCanChange() throws Exception {
        String wanted = "svc-sub-a-" + api.id;
        String other = "svc-sub-b-" + api.id;
        try (SocketClient client = SocketClient.connect(uri("types=status_change&services=" + wanted))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            api.produce(change(other, ServiceStatus.UP, ServiceStatus.DOWN, Instant.now()));
            api.produce(change(wanted, ServiceStatus.UP, ServiceStatus.DOWN, Instant.now()));
            await().atMost(WAIT).until(() -> !client.ofType("status_change").isEmpty());
            client.send("{\"type\":\"subscribe\",\"types\":[\"metrics_update\"],\"services\":[\"" + wanted + "\"]}");
            await().atMost(WAIT).until(() -> !client.ofType("metrics_update").isEmpty());

            assertThat(client.ofType("status_change")).extracting(m -> m.path("service").asString())
                    .containsOnly(wanted);
            assertThat(client.ofType("subscribed")).hasSize(1);
            JsonNode update = client.ofType("metrics_update").get(0);
            assertThat(update.at("/data/services").propertyNames()).containsOnly(wanted);
        }
    }

    @Test
    void alertsAndTheirAcknowledgementReachClientsAndTheSnapshot() throws Exception {
        String service = "svc-alert-" + api.id;
        AlertEvent firing = new AlertEvent(null, "episode-" + api.id, "fp-" + api.id, "service_down",
                Severity.CRITICAL, service, AlertState.FIRING, 0, 0, "<script>alert(1)</script> is down",
                Instant.now().minusSeconds(40), null, Map.of("team", "<b>ops</b>"));
        try (SocketClient client = SocketClient.connect(uri("services=" + service))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            api.send(Topics.ALERTS.name(), firing.fingerprint(), Json.encode(firing));
            await().atMost(WAIT).until(() -> !client.ofType("alert").isEmpty());
            api.context().publishEvent(new AlertAcknowledged(firing.id(), "oncall", Instant.now(), "looking"));
            await().atMost(WAIT).until(() -> !client.ofType("alert_acknowledged").isEmpty());

            JsonNode alert = client.ofType("alert").get(0).path("alert");
            assertThat(alert.path("level").asString()).isEqualTo("critical");
            assertThat(alert.path("state").asString()).isEqualTo("firing");
            assertThat(alert.path("message").asString()).isEqualTo(firing.message());
            JsonNode ack = client.ofType("alert_acknowledged").get(0);
            assertThat(ack.path("alert_id").asString()).isEqualTo(firing.id());
            assertThat(ack.path("service").asString()).isEqualTo(service);
            assertThat(ack.path("acknowledged_by").asString()).isEqualTo("oncall");
        }
        try (SocketClient later = SocketClient.connect(uri("services=" + service))) {
            await().atMost(WAIT).until(() -> !later.ofType("snapshot").isEmpty());

            JsonNode active = later.ofType("snapshot").get(0).at("/data/alerts/0");
            assertThat(active.path("id").asString()).isEqualTo(firing.id());
            assertThat(active.path("acknowledged").asBoolean()).isTrue();
        }
    }

    @Test
    void aPageFromAForeignOriginIsRefusedAndAConfiguredOneAccepted() throws Exception {
        Map<String, String> foreign = Map.of("Origin", "http://evil.example");
        Map<String, String> configured = Map.of("Origin", DASHBOARD_ORIGIN);
        Map<String, String> same = Map.of("Origin", "http://localhost:" + api.port);

        assertThatThrownBy(() -> SocketClient.connect(uri(""), foreign))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(403));
        try (SocketClient allowed = SocketClient.connect(uri(""), same)) {
            await().atMost(WAIT).until(() -> !allowed.ofType("snapshot").isEmpty());
        }
        try (SocketClient listed = SocketClient.connect(uri(""), configured)) {
            await().atMost(WAIT).until(() -> !listed.ofType("snapshot").isEmpty());
        }
        System.out.printf("S3: origin %s refused, same origin and configured %s (pattern https://*.example) "
                + "accepted%n", foreign.get("Origin"), DASHBOARD_ORIGIN);
    }

    @Test
    void aHandshakeWithoutTheTokenIsRefusedAndABearerHeaderIsAccepted() throws Exception {
        assertThatThrownBy(() -> SocketClient.connect(api.webSocketUri()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> SocketClient.connect(URI.create(api.webSocketUri() + "?token=wrong")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        try (SocketClient bearer = SocketClient.connect(api.webSocketUri(), Map.of("Authorization",
                "Bearer " + TOKEN))) {
            await().atMost(WAIT).until(() -> !bearer.ofType("snapshot").isEmpty());
        }
    }

    @Test
    void aBadSubscriptionIsRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> SocketClient.connect(uri("types=bogus")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(400));
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosed() throws Exception {
        long before = api.getJson("/debug/websocket-stats").path("dead_peer_closes").asLong();
        try (Socket raw = new Socket("localhost", api.port)) {
            OutputStream out = raw.getOutputStream();
            out.write(("GET /ws/monitor?types=alert&token=" + TOKEN + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).endsWith("101");

            // reads nothing more, answers no ping: the heartbeat must close it
            await().atMost(WAIT).until(() -> api.getJson("/debug/websocket-stats").path("dead_peer_closes")
                    .asLong() > before);
        }
    }

    @Test
    void statsCountSessionsAndSentMessages() throws Exception {
        try (SocketClient client = SocketClient.connect(uri(""))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            JsonNode stats = api.getJson("/debug/websocket-stats");

            assertThat(stats.path("sessions").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("sent").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(stats.path("stream").asString()).isNotBlank();
        }
    }

}
