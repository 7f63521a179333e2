package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A daily maintenance window (Europe/Berlin local times, made through {@code /maintenance}) end to end with real
 * Kafka, PostgreSQL, Redis and a loopback receiver: a firing alert of a covered service is recorded (history marks it
 * {@code maintenance:<id>}) but not notified, its service reads {@code maintenance}; when the occurrence ends while
 * the alert still fires, it is notified once and the service shows its probed status again.
 */
class MaintenanceNotificationIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Receiver receiver;
    private static ApiFixture api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        api = new ApiFixture(Map.of(
                "monitor.api.notify.slack-webhook", receiver.url("/slack"),
                "monitor.api.notify.webhook-url", receiver.url("/webhook"),
                "monitor.api.notify.allowed-hosts", "127.0.0.1:" + receiver.port(),
                "monitor.api.notify.group-wait", "300ms",
                "monitor.api.notify.group-interval", "1s",
                "monitor.api.notify.repeat-interval", "1h",
                "monitor.api.notify.group-by", "severity,rule",
                "monitor.api.notify.tick", "100ms"));
    }

    @AfterAll
    static void stop() {
        api.close();
        receiver.close();
    }

    @Test
    void alertInsideTheWindowIsHeldMarkedAndSentOnceWhenTheOccurrenceEnds() throws Exception {
        String service = "svc-maint-" + run;
        String rule = "maint_" + run;
        String alertId = "a-" + rule;
        api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, Instant.now()));
        // today's occurrence of a daily window that began yesterday: it runs from a minute ago for 15 s more
        Instant ends = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(15);
        String id = daily(service, Instant.now().minusSeconds(60), ends);
        // the service is unknown (404) until its status change has been read: asserted, so retried
        await().atMost(BOUND).untilAsserted(() ->
                assertThat(status(service).path("status").asString()).isEqualTo("maintenance"));
        assertThat(status(service).path("probed_status").asString()).isEqualTo("up");

        api.produce(alert(alertId, rule, Severity.WARNING, service, AlertState.FIRING, Instant.now()));

        await().atMost(BOUND).until(() -> held(alertId) == 2);
        assertThat(sent(rule)).isZero();
        await().atMost(BOUND).until(() -> episode(service) != null);
        assertThat(episode(service).path("silenced_by").path("firing").valueStream().map(JsonNode::asString))
                .containsExactly("maintenance:" + id);

        await().atMost(BOUND).until(() -> sent(rule) == 2);
        assertThat(receiver.requests("/slack", rule)).allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(ends));
        await().during(QUIET).atMost(BOUND).until(() -> sent(rule) == 2);
        assertThat(receiver.requests("/webhook", rule)).hasSize(1);
        assertThat(status(service).path("status").asString()).isEqualTo("up");
        assertThat(api.getJson("/maintenance/" + id).path("active").asBoolean()).isFalse();
    }

    /** A daily window on {@code service} whose first occurrence is a day before {@code start} to {@code end}. */
    private static String daily(String service, Instant start, Instant end) throws Exception {
        LocalDateTime from = LocalDateTime.ofInstant(start, BERLIN).minusDays(1);
        LocalDateTime to = LocalDateTime.ofInstant(end, BERLIN).minusDays(1);
        String body = """
                {"services": ["%s"], "zone": "Europe/Berlin", "start": "%s", "end": "%s", "repeat": "daily",
                 "comment": "nightly work"}
                """.formatted(service, from, to);
        return api.postJson("/maintenance", body, 201).path("id").asString();
    }

    private static JsonNode status(String service) throws Exception {
        return api.getJson("/metrics/" + service);
    }

    private static JsonNode episode(String service) throws Exception {
        JsonNode alerts = api.getJson("/alerts/history?service=" + service).path("alerts");
        return alerts.isEmpty() ? null : alerts.get(0);
    }

    private static long held(String alertId) throws Exception {
        return api.count("select count(*) from notification_deliveries where alert_id = ? and state = 'firing' "
                + "and status = 'silenced'", alertId);
    }

    private static int sent(String rule) {
        return receiver.requests("/slack", rule).size() + receiver.requests("/webhook", rule).size();
    }
}
