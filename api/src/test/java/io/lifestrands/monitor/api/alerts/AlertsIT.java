package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alert persistence from {@code monitor.alerts.v1}, {@code /alerts}, its history and acknowledgement. */
class AlertsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;
    private static final List<AlertAcknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
        api.context().addApplicationListener((ApplicationListener<PayloadApplicationEvent<AlertAcknowledged>>)
                event -> acknowledged.add(event.getPayload()));
    }

    @Test
    void storesOneRowPerEpisodeThatNeverMovesBackOnReplay() throws Exception {
        String service = "svc-replay-" + api.id;
        String id = "ep-replay-" + api.id;

        api.produce(alert(id, "high_latency", Severity.WARNING, service, AlertState.PENDING, t0));
        api.produce(alert(id, "high_latency", Severity.WARNING, service, AlertState.FIRING, t0));
        api.produce(alert(id, "high_latency", Severity.WARNING, service, AlertState.RESOLVED, t0));
        api.produce(alert(id, "high_latency", Severity.WARNING, service, AlertState.FIRING, t0));

        await().atMost(WAIT).until(api::historyCaughtUp);
        assertThat(api.count("select count(*) from alerts where id = ?", id)).isEqualTo(1);
        assertThat(api.count("select count(*) from alerts where id = ? and state = 'resolved' and ends_at is not null",
                id)).isEqualTo(1);
    }

    @Test
    void activeListsFiringEpisodesWithTheirAcknowledgement() throws Exception {
        String service = "svc-active-" + api.id;
        String firing = "ep-firing-" + api.id;
        api.produce(alert(firing, "service_down", Severity.CRITICAL, service, AlertState.FIRING, t0));
        api.produce(alert("ep-pending-" + api.id, "error_rate", Severity.WARNING, service, AlertState.PENDING, t0));
        api.produce(alert("ep-gone-" + api.id, "queue_backlog", Severity.WARNING, service, AlertState.RESOLVED, t0));

        await().atMost(WAIT).until(() -> ids(api.getJson("/alerts").get("alerts"), service).contains(firing));

        JsonNode body = api.getJson("/alerts");
        assertThat(ids(body.get("alerts"), service)).containsExactly(firing);
        JsonNode one = find(body.get("alerts"), firing);
        assertThat(one.get("severity").asString()).isEqualTo("critical");
        assertThat(one.get("state").asString()).isEqualTo("firing");
        assertThat(one.get("value").asDouble()).isEqualTo(2500);
        assertThat(one.get("labels").get("team").asString()).isEqualTo("core");
        assertThat(one.get("acknowledged").asBoolean()).isFalse();
        assertThat(body.get("count").asInt()).isEqualTo(body.get("alerts").size());
    }

    @Test
    void acknowledgesOnceAndRepeatsAnswerTheFirstAcknowledgement() throws Exception {
        String service = "svc-ack-" + api.id;
        String id = "ep-ack-" + api.id;
        api.produce(alert(id, "gpu_memory_full", Severity.CRITICAL, service, AlertState.FIRING, t0));
        await().atMost(WAIT).until(api::historyCaughtUp);
        int before = (int) acknowledged.stream().filter(a -> a.alertId().equals(id)).count();

        JsonNode first = api.postJson("/alerts/" + id + "/acknowledge",
                "{\"by\":\"alice\",\"comment\":\"looking into it\"}", 200);
        JsonNode second = api.postJson("/alerts/" + id + "/acknowledge", "{\"by\":\"bob\"}", 200);
        JsonNode anonymous = api.postJson("/alerts/" + id + "/acknowledge", null, 200);

        assertThat(first.get("acknowledged").asBoolean()).isTrue();
        assertThat(first.get("alert").get("acknowledged_by").asString()).isEqualTo("alice");
        assertThat(first.get("alert").get("comment").asString()).isEqualTo("looking into it");
        assertThat(second.get("acknowledged").asBoolean()).isFalse();
        assertThat(second.get("alert").get("acknowledged_by").asString()).isEqualTo("alice");
        assertThat(anonymous.get("alert").get("acknowledged_at").asString())
                .isEqualTo(first.get("alert").get("acknowledged_at").asString());
        assertThat(acknowledged.stream().filter(a -> a.alertId().equals(id)).count() - before).isEqualTo(1);
        assertThat(find(api.getJson("/alerts").get("alerts"), id).get("acknowledged").asBoolean()).isTrue();
    }

    @Test
    void acknowledgementWithoutBodyNamesTheTokenAndUnknownOrResolvedAreRefused() throws Exception {
        String service = "svc-ack2-" + api.id;
        String id = "ep-ack2-" + api.id;
        String resolved = "ep-resolved-" + api.id;
        api.produce(alert(id, "service_down", Severity.CRITICAL, service, AlertState.FIRING, t0));
        api.produce(alert(resolved, "service_down", Severity.CRITICAL, service, AlertState.RESOLVED, t0));
        await().atMost(WAIT).until(api::historyCaughtUp);

        JsonNode ack = api.postJson("/alerts/" + id + "/acknowledge", null, 200);
        var unknown = api.post("/alerts/no-such-" + api.id + "/acknowledge", null);
        var gone = api.post("/alerts/" + resolved + "/acknowledge", null);

        assertThat(ack.get("alert").get("acknowledged_by").asString()).isEqualTo("api-token");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(gone.statusCode()).isEqualTo(409);
    }

    @Test
    void historyFiltersAndPages() throws Exception {
        String service = "svc-hist-" + api.id;
        for (int i = 0; i < 7; i++) {
            api.produce(alert("ep-h" + i + "-" + api.id, "high_latency", i % 2 == 0 ? Severity.WARNING
                    : Severity.CRITICAL, service, AlertState.FIRING, t0.plusSeconds(i)));
        }
        await().atMost(WAIT).until(api::historyCaughtUp);
        String base = "/alerts/history?service=" + service;

        JsonNode page0 = api.getJson(base + "&severity=warning&size=3");
        JsonNode page1 = api.getJson(base + "&severity=warning&size=3&page=1");
        JsonNode late = api.getJson(base + "&start=" + t0.plusSeconds(5));
        var huge = api.get(base + "&size=100000");
        var badState = api.get(base + "&state=burning");

        assertThat(page0.get("total").asLong()).isEqualTo(4);
        assertThat(ids(page0.get("alerts"), service)).containsExactly("ep-h6-" + api.id, "ep-h4-" + api.id,
                "ep-h2-" + api.id);
        assertThat(ids(page1.get("alerts"), service)).containsExactly("ep-h0-" + api.id);
        assertThat(ids(late.get("alerts"), service)).containsExactly("ep-h6-" + api.id, "ep-h5-" + api.id);
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("size must be between 1 and 500");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).contains("state must be one of");
    }

    private static List<String> ids(JsonNode alerts, String service) {
        return alerts.valueStream().filter(a -> a.get("service").asString().equals(service))
                .map(a -> a.get("id").asString()).toList();
    }

    private static JsonNode find(JsonNode alerts, String id) {
        return alerts.valueStream().filter(a -> a.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + id + " in " + Json.write(alerts)));
    }
}
