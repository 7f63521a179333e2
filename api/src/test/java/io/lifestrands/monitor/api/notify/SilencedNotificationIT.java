package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.lifestrands.monitor.api.notify.NotifyFixtures.firing;
import static io.lifestrands.monitor.api.notify.NotifyFixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Silences hold notifications end to end: silences through the Alertmanager API v2 on the real topic, alert
 * transitions on the real topic, the delivery log in real PostgreSQL, Slack and the webhook on a real loopback HTTP
 * receiver. A held firing alert is sent once when its silence ends, by time or by an early expiry, on whichever api
 * instance of the notify group dispatches it.
 */
class SilencedNotificationIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Longer than the group wait and a few dispatcher ticks: what was not sent by then is held. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static Receiver receiver;
    private static ApiFixture api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        api = new ApiFixture(settings());
    }

    @AfterAll
    static void stop() {
        api.close();
        receiver.close();
    }

    /** Slack and the webhook on the receiver (no email: warnings only), short waits; grouped by rule. */
    private static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "monitor.api.notify.slack-webhook", receiver.url("/slack"),
                "monitor.api.notify.webhook-url", receiver.url("/webhook"),
                "monitor.api.notify.allowed-hosts", "127.0.0.1:" + receiver.port(),
                "monitor.api.notify.group-wait", "300ms",
                "monitor.api.notify.group-interval", "1s",
                "monitor.api.notify.repeat-interval", "1h",
                "monitor.api.notify.group-by", "severity,rule",
                "monitor.api.notify.tick", "100ms"));
        return settings;
    }

    @Test
    void silencedFiringAlertIsHeldNotSent() throws Exception {
        String rule = "silenced_" + run;
        silence(api, rule, Instant.now().plus(Duration.ofHours(1)));

        produce(firing("a-" + rule, rule, Severity.WARNING));

        await().atMost(BOUND).until(() -> held("a-" + rule, "firing") == 2);
        await().during(QUIET).atMost(BOUND).until(() -> sent(rule) == 0);
    }

    @Test
    void alertStillFiringWhenItsSilenceRunsOutIsSentOnce() throws Exception {
        String rule = "runs_out_" + run;
        Instant ends = Instant.now().plus(Duration.ofSeconds(5));
        silence(api, rule, ends);

        produce(firing("a-" + rule, rule, Severity.WARNING));

        await().atMost(BOUND).until(() -> held("a-" + rule, "firing") == 2);
        assertThat(sent(rule)).isZero();
        await().atMost(BOUND).until(() -> sent(rule) == 2);
        assertThat(receiver.requests("/slack", rule)).allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(ends));
        await().during(QUIET).atMost(BOUND).until(() -> sent(rule) == 2);
        assertThat(receiver.requests("/webhook", rule)).hasSize(1);
        assertThat(receiver.requests("/webhook", rule).get(0).body()).contains("\"status\":\"firing\"");
    }

    @Test
    void alertThatFiredAndResolvedInsideTheSilenceSendsNothing() throws Exception {
        String rule = "inside_" + run;
        Instant ends = Instant.now().plus(Duration.ofSeconds(4));
        silence(api, rule, ends);

        produce(firing("a-" + rule, rule, Severity.WARNING));
        produce(resolved("a-" + rule, rule, Severity.WARNING));

        await().atMost(BOUND).until(() -> held("a-" + rule, "firing") == 2 && held("a-" + rule, "resolved") == 2);
        await().atMost(BOUND).until(() -> Instant.now().isAfter(ends.plus(QUIET)));
        assertThat(sent(rule)).isZero();
        assertThat(held("a-" + rule, "firing")).isEqualTo(2);
    }

    @Test
    void alertTheSilenceDoesNotMatchIsSentAsUsual() throws Exception {
        String rule = "unmatched_" + run;
        silence(api, "other_" + rule, Instant.now().plus(Duration.ofHours(1)));

        produce(firing("a-" + rule, rule, Severity.WARNING));

        await().atMost(BOUND).until(() -> sent(rule) == 2);
        assertThat(held("a-" + rule, "firing")).isZero();
    }

    /**
     * Two apis in one notify group on one PostgreSQL: the silence is added on one and expired early on the other, and
     * the alert it held is sent once, whichever instance logged and dispatched it.
     */
    @Test
    void silenceExpiredEarlyOnAnotherInstanceSendsTheHeldAlertOnce() throws Exception {
        String rule = "expired_" + run;
        Map<String, Object> second = new HashMap<>(settings());
        second.put("monitor.api.database-url", api.databaseUrl());
        second.put("monitor.api.notify.group-id", "api-it-notify-" + api.id);
        try (ApiFixture other = new ApiFixture(second)) {
            String id = silence(api, rule, Instant.now().plus(Duration.ofHours(1)));
            await().atMost(BOUND).until(() -> other.get("/api/v2/silence/" + id).statusCode() == 200);

            produce(firing("a-" + rule, rule, Severity.WARNING));
            await().atMost(BOUND).until(() -> held("a-" + rule, "firing") == 2);
            await().during(QUIET).atMost(BOUND).until(() -> sent(rule) == 0);

            assertThat(other.request("DELETE", "/api/v2/silence/" + id, null, other.token).statusCode())
                    .isEqualTo(200);

            await().atMost(BOUND).until(() -> sent(rule) == 2);
            await().during(QUIET).atMost(BOUND).until(() -> sent(rule) == 2);
            assertThat(receiver.requests("/slack", rule)).hasSize(1);
        }
    }

    /** Adds a silence on {@code alertname=rule} from now until {@code ends}; returns its id. */
    private static String silence(ApiFixture on, String rule, Instant ends) throws Exception {
        String body = """
                {"matchers": [{"name": "alertname", "value": "%s", "isRegex": false, "isEqual": true}],
                 "startsAt": "%s", "endsAt": "%s", "createdBy": "it", "comment": "planned work"}
                """.formatted(rule, Instant.now(), ends);
        return on.postJson("/api/v2/silences", body, 200).get("silenceID").asString();
    }

    private static void produce(AlertEvent event) {
        api.send(Topics.ALERTS.name(), event.fingerprint(), Json.encode(event));
    }

    /** Deliveries of this transition held by a silence. */
    private static long held(String alertId, String state) throws Exception {
        return api.count("select count(*) from notification_deliveries where alert_id = ? and state = ? "
                + "and status = 'silenced'", alertId, state);
    }

    /** Requests the receiver got about this rule, Slack and webhook together. */
    private static int sent(String rule) {
        return receiver.requests("/slack", rule).size() + receiver.requests("/webhook", rule).size();
    }
}
