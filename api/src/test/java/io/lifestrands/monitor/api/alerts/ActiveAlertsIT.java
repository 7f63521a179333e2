package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.feed.SocketClient;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The one active-alert model as {@code GET /alerts}, the WebSocket snapshot and the {@code alert} stream show it. */
class ActiveAlertsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
    }

    @Test
    void aPendingAlertClosedWithEndsAtLeavesTheListTheSnapshotAndTheStream() throws Exception {
        String service = "svc-closed-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        AlertEvent pending = pending(service, start, null);
        URI feed = URI.create(api.webSocketUri() + "?services=" + service);
        try (SocketClient watching = SocketClient.connect(feed)) {
            await().atMost(WAIT).until(() -> !watching.ofType("snapshot").isEmpty());

            api.produce(pending);
            await().atMost(WAIT).until(() -> ids(api.getJson("/alerts?state=pending")).contains(pending.id()));
            assertThat(snapshotIds(feed)).containsExactly(pending.id());

            api.produce(pending(service, start, start.plusSeconds(20)));

            await().atMost(WAIT).until(() -> !ids(api.getJson("/alerts?state=active")).contains(pending.id()));
            assertThat(ids(api.getJson("/alerts?state=pending"))).doesNotContain(pending.id());
            assertThat(ids(api.getJson("/alerts"))).doesNotContain(pending.id());
            assertThat(snapshotIds(feed)).isEmpty();
            await().atMost(WAIT).until(() -> alerts(watching).size() == 2);
            List<JsonNode> stream = alerts(watching);
            assertThat(stream.get(0).has("ends_at")).isFalse();
            assertThat(stream.get(1).path("state").asString()).isEqualTo("pending");
            assertThat(stream.get(1).path("ends_at").asString()).isEqualTo(start.plusSeconds(20).toString());
        }
    }

    @Test
    void theListNamesWhereItCameFromAndRefusesAnUnknownState() throws Exception {
        JsonNode pending = api.getJson("/alerts?state=pending");
        var bad = api.get("/alerts?state=resolved");

        assertThat(pending.path("source").asString()).isEqualTo("memory");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("state must be one of [active, firing, pending]");
    }

    private static AlertEvent pending(String service, Instant start, Instant endsAt) {
        String fingerprint = "closed/" + service;
        return new AlertEvent(null, fingerprint + "-" + start.toEpochMilli(), fingerprint, "error_rate",
                Severity.WARNING, service, AlertState.PENDING, 0.2, 0.05, "errors on " + service, start, endsAt,
                Map.of());
    }

    /** The alert ids of the snapshot a client connecting now gets. */
    private static List<String> snapshotIds(URI feed) throws Exception {
        try (SocketClient fresh = SocketClient.connect(feed)) {
            await().atMost(WAIT).until(() -> !fresh.ofType("snapshot").isEmpty());
            return ids(fresh.ofType("snapshot").get(0).path("data"));
        }
    }

    private static List<JsonNode> alerts(SocketClient client) {
        return client.ofType("alert").stream().map(m -> m.path("alert")).toList();
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("alerts").forEach(alert -> ids.add(alert.path("id").asString()));
        return ids;
    }
}
