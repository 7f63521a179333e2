package io.lifestrands.monitor.schema;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alertmanager's matcher semantics and a silence's life, as amtool and Grafana expect them. */
class SilenceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AlertEvent CHAT_LATENCY = new AlertEvent(null, "a-1", "f", "high_latency", Severity.WARNING,
            "chat_service", AlertState.FIRING, 2500, 2000, "slow", T0, null, Map.of("team", "core"));

    @Test
    void theFourOperatorsMatchAsAlertmanagersDo() {
        Map<String, String> labels = Silence.labelsOf(CHAT_LATENCY);

        assertThat(new SilenceMatcher("service", "chat_service", false, true).matches(labels)).isTrue();
        assertThat(new SilenceMatcher("service", "chat_service", false, false).matches(labels)).isFalse();
        assertThat(new SilenceMatcher("alertname", "high_.*", true, true).matches(labels)).isTrue();
        assertThat(new SilenceMatcher("alertname", "high", true, true).matches(labels)).as("anchored").isFalse();
        assertThat(new SilenceMatcher("severity", "critical|info", true, false).matches(labels)).isTrue();
        // a label the alert does not have is the empty string
        assertThat(new SilenceMatcher("region", "", false, true).matches(labels)).isTrue();
        assertThat(new SilenceMatcher("region", ".+", true, true).matches(labels)).isFalse();
        assertThat(new SilenceMatcher("team", "core", false, null).matches(labels)).as("is_equal defaults to true")
                .isTrue();
    }

    @Test
    void theRuleServiceAndSeverityWinOverLabelsOfTheSameName() {
        AlertEvent spoofed = new AlertEvent(null, "a-2", "f", "high_latency", Severity.WARNING, "chat_service",
                AlertState.FIRING, 1, 0, "m", T0, null, Map.of("service", "other", "alertname", "other"));

        assertThat(Silence.labelsOf(spoofed)).containsEntry("service", "chat_service")
                .containsEntry("alertname", "high_latency").containsEntry("severity", "warning");
    }

    @Test
    void aSilenceIsPendingThenActiveThenExpiredAndSilencesOnlyWhileActive() {
        Silence silence = silence(T0.plusSeconds(60), T0.plusSeconds(3600),
                new SilenceMatcher("service", "chat_service", false, true));
        Map<String, String> labels = Silence.labelsOf(CHAT_LATENCY);

        assertThat(silence.state(T0)).isEqualTo(Silence.State.PENDING);
        assertThat(silence.silences(labels, T0)).isFalse();
        assertThat(silence.state(T0.plusSeconds(60))).isEqualTo(Silence.State.ACTIVE);
        assertThat(silence.silences(labels, T0.plusSeconds(60))).isTrue();
        assertThat(silence.state(T0.plusSeconds(3600))).isEqualTo(Silence.State.EXPIRED);
        assertThat(silence.silences(labels, T0.plusSeconds(3600))).isFalse();

        Silence expired = silence.expiredAt(T0.plusSeconds(120));
        assertThat(expired.state(T0.plusSeconds(120))).isEqualTo(Silence.State.EXPIRED);
        assertThat(expired.updatedAt()).isEqualTo(T0.plusSeconds(120));
        Silence neverStarted = silence.expiredAt(T0);
        assertThat(neverStarted.state(T0)).as("expired before it started").isEqualTo(Silence.State.EXPIRED);
        assertThat(neverStarted.silences(labels, T0.plusSeconds(60))).isFalse();
    }

    @Test
    void everyMatcherMustHold() {
        Silence both = silence(T0, T0.plusSeconds(60), new SilenceMatcher("service", "chat_service", false, true),
                new SilenceMatcher("severity", "critical", false, true));

        assertThat(both.silences(Silence.labelsOf(CHAT_LATENCY), T0)).isFalse();
    }

    @Test
    void badSilencesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> silence(T0, T0.plusSeconds(60))).hasMessageContaining("matchers must name");
        assertThatThrownBy(() -> silence(T0, T0.minusSeconds(1), new SilenceMatcher("service", "x", false, true)))
                .hasMessageContaining("ends_at must not be before starts_at");
        assertThatThrownBy(() -> new SilenceMatcher("service", "(", true, true))
                .hasMessageContaining("valid regular expression");
        assertThatThrownBy(() -> new SilenceMatcher("bad name", "x", false, true)).hasMessageContaining("name");
    }

    @Test
    void matchersPrintAsAmtoolWritesThem() {
        assertThat(List.of(new SilenceMatcher("a", "1", false, true), new SilenceMatcher("b", "2", false, false),
                new SilenceMatcher("c", "3", true, true), new SilenceMatcher("d", "4", true, false)))
                .extracting(SilenceMatcher::toString)
                .containsExactly("a=\"1\"", "b!=\"2\"", "c=~\"3\"", "d!~\"4\"");
    }

    private static Silence silence(Instant start, Instant end, SilenceMatcher... matchers) {
        return new Silence(null, "s-1", List.of(matchers), start, end, "oncall", "planned", start);
    }
}
