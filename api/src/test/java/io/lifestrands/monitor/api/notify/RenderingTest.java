package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.api.notify.NotifyFixtures.alert;
import static io.lifestrands.monitor.api.notify.NotifyFixtures.firing;
import static io.lifestrands.monitor.api.notify.NotifyFixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;

/** The three renderings of a group: Alertmanager JSON, Slack mrkdwn and HTML email, with hostile label values (S7). */
class RenderingTest {

    private static final Map<String, String> HOSTILE = Map.of(
            "instance", "<script>alert(1)</script>",
            "team", "<!channel> & {{ .Values.secret }} ${jndi:ldap://x} <https://evil.example|click>");

    private final Notice hostile = new Notice("slack{severity=critical}", Map.of("severity", "critical"),
            List.of(alert("a1", "latency_high", Severity.CRITICAL, AlertState.FIRING, HOSTILE)), 0);

    @Test
    void slackEscapesControlCharactersOfEveryValue() {
        String text = Json.MAPPER.readTree(SlackMessage.render(hostile)).get("text").asString();

        assertThat(text).doesNotContain("<script>", "<!channel>", "<https://")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;!channel&gt; &amp;",
                        "{{ .Values.secret }}", "${jndi:ldap://x}", "&lt;https://evil.example|click&gt;");
    }

    @Test
    void emailHtmlEscapesEveryValue() {
        EmailMessage email = EmailMessage.render(hostile);

        assertThat(email.html()).doesNotContain("<script>", "<!channel>", "<https://")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;!channel&gt; &amp; {{ .Values.secret }}");
        assertThat(email.subject()).doesNotContain("\n", "\r").startsWith("[FIRING:1]");
    }

    @Test
    void webhookPayloadHasAlertmanagerVersion4Shape() {
        Notice notice = new Notice("webhook{severity=critical}", Map.of("severity", "critical"),
                List.of(firing("a1", "latency_high", Severity.CRITICAL),
                        resolved("a2", "latency_high", Severity.CRITICAL)), 3);

        JsonNode body = Json.MAPPER.readTree(AlertmanagerPayload.render(notice, "http://monitor:8005"));

        assertThat(body.get("version").asString()).isEqualTo("4");
        assertThat(body.get("status").asString()).isEqualTo("firing");
        assertThat(body.get("receiver").asString()).isEqualTo("monitor-webhook");
        assertThat(body.get("truncatedAlerts").asInt()).isEqualTo(3);
        assertThat(body.get("groupLabels").get("severity").asString()).isEqualTo("critical");
        assertThat(body.get("commonLabels").get("alertname").asString()).isEqualTo("latency_high");
        assertThat(body.get("externalURL").asString()).isEqualTo("http://monitor:8005");
        JsonNode first = body.get("alerts").get(0);
        assertThat(first.get("status").asString()).isEqualTo("firing");
        assertThat(first.get("labels").get("service").asString()).isEqualTo("gateway");
        assertThat(first.get("annotations").get("alert_id").asString()).isEqualTo("a1");
        assertThat(first.get("startsAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(first.get("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(first.get("fingerprint").asString()).isEqualTo("fp-a1");
        assertThat(body.get("alerts").get(1).get("status").asString()).isEqualTo("resolved");
        assertThat(body.get("alerts").get(1).get("endsAt").asString()).isEqualTo("2026-01-01T00:10:00Z");
    }

    @Test
    void webhookPayloadKeepsHostileValuesAsPlainJsonStrings() {
        JsonNode body = Json.MAPPER.readTree(AlertmanagerPayload.render(hostile, "http://monitor:8005"));

        assertThat(body.get("alerts").get(0).get("labels").get("instance").asString())
                .isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void truncatedGroupsSayHowManyMoreThereAre() {
        Notice notice = new Notice("slack{}", Map.of(), List.of(firing("a1", "r", Severity.WARNING)), 999);

        assertThat(SlackMessage.render(notice)).contains("[FIRING:1+] 1000 alerts", "999 more alerts");
    }
}
