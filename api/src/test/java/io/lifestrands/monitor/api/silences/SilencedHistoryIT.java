package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The silenced mark in the alert history (PostgreSQL, {@code GET /alerts/history}): each transition a silence held
 * names the silences that held it; transitions outside the silence carry no mark.
 */
class SilencedHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void historyNamesTheSilencesThatHeldEachTransition() throws Exception {
        String service = "svc-silenced-history-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String id = silence(service);

        api.produce(alert("silenced-" + api.id, "high_latency", Severity.WARNING, service, AlertState.FIRING, start));
        await().atMost(WAIT).until(() -> episode(service) != null);
        assertThat(api.request("DELETE", "/api/v2/silence/" + id, null, api.token).statusCode()).isEqualTo(200);
        api.produce(alert("silenced-" + api.id, "high_latency", Severity.WARNING, service, AlertState.RESOLVED,
                start));
        await().atMost(WAIT).until(() -> "resolved".equals(episode(service).path("state").asString()));

        JsonNode silencedBy = episode(service).path("silenced_by");
        assertThat(silencedBy.path("firing").valueStream().map(JsonNode::asString)).containsExactly(id);
        assertThat(silencedBy.has("resolved")).isFalse();
    }

    @Test
    void transitionNoSilenceMatchedHasNoMark() throws Exception {
        String service = "svc-unsilenced-history-" + api.id;
        silence("svc-other-" + api.id);

        api.produce(alert("unsilenced-" + api.id, "high_latency", Severity.WARNING, service, AlertState.FIRING,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        await().atMost(WAIT).until(() -> episode(service) != null);

        assertThat(episode(service).path("silenced_by").isEmpty()).isTrue();
        assertThat(episode(service).has("silenced_by")).isTrue();
    }

    /** Adds an hour-long silence on {@code service}; returns its id. */
    private static String silence(String service) throws Exception {
        String body = """
                {"matchers": [{"name": "service", "value": "%s", "isRegex": false, "isEqual": true}],
                 "startsAt": "%s", "endsAt": "%s", "createdBy": "it", "comment": "planned work"}
                """.formatted(service, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        return api.postJson("/api/v2/silences", body, 200).get("silenceID").asString();
    }

    private static JsonNode episode(String service) throws Exception {
        JsonNode alerts = api.getJson("/alerts/history?service=" + service).path("alerts");
        return alerts.isEmpty() ? null : alerts.get(0);
    }
}
