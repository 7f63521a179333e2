package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.FieldViolation;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRuleTest {

    private static final String FIRST_VERSION = """
            {"v":1,"name":"gpu_memory_full","severity":"critical","metric":"vram_used_pct","statistic":"last",
             "comparison":">","threshold":95,"for":"60s"}""";

    @Test
    void ruleOfTheFirstVersionGetsNoHysteresisAndDefaultFlapDetection() {
        AlertRule rule = Json.read(FIRST_VERSION, AlertRule.class);

        assertThat(rule.clearThreshold()).isNull();
        assertThat(rule.flapWindow()).isEqualTo(AlertRule.DEFAULT_FLAP_WINDOW);
        assertThat(rule.flapHigh()).isEqualTo(AlertRule.DEFAULT_FLAP_HIGH);
        assertThat(rule.flapLow()).isEqualTo(AlertRule.DEFAULT_FLAP_LOW);
        assertThat(rule.forDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.service()).isEqualTo("*");
    }

    @Test
    void serviceSelectorTakesAllAListOrAllButAList() {
        assertThat(rule("*").appliesTo("gateway")).isTrue();
        assertThat(rule("gateway").appliesTo("gateway")).isTrue();
        assertThat(rule("gateway").appliesTo("redis")).isFalse();
        assertThat(rule("gateway,redis").appliesTo("redis")).isTrue();
        assertThat(rule("!postgres,redis").appliesTo("gateway")).isTrue();
        assertThat(rule("!postgres,redis").appliesTo("postgres")).isFalse();
    }

    @Test
    void rejectsAnEmptyOrMalformedSelectorNamingTheField() {
        assertThatThrownBy(() -> rule("!")).hasMessageContaining("service");
        assertThatThrownBy(() -> rule("gateway,,redis")).hasMessageContaining("service");
        assertThatThrownBy(() -> rule("a b")).hasMessageContaining("service must match");
    }

    @Test
    void namesEveryBrokenFieldAtOnceNotOnlyTheFirst() {
        assertThatThrownBy(() -> new AlertRule(1, "bad name", null, "!", "latency_ms", Statistic.P95,
                Duration.ZERO, Comparison.GT, 1, Duration.ofSeconds(-5), null, null, Map.of("team", "")))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("name", "severity", "service", "range", "for"))
                .hasMessageContaining("name must match").hasMessageContaining("severity is required")
                .hasMessageContaining("range must be > 0, was 0s").hasMessageContaining("for must be >= 0, was -5s");
    }

    @Test
    void labelProblemsNameTheLabel() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", null);

        assertThatThrownBy(() -> new AlertRule(1, "r", Severity.WARNING, "*", "latency_ms", Statistic.P95, null,
                Comparison.GT, 1, null, null, null, labels))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("labels.team", "must be a string, was null")));
    }

    @Test
    void clearThresholdMustLieOnTheClearSide() {
        assertThatThrownBy(() -> Json.read(FIRST_VERSION.replace("\"for\"", "\"clear_threshold\":99,\"for\""),
                AlertRule.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("clear_threshold").hasMessageContaining("99");

        AlertRule rule = Json.read(FIRST_VERSION.replace("\"for\"", "\"clear_threshold\":85,\"for\""),
                AlertRule.class);

        assertThat(rule.clearThreshold()).isEqualTo(85.0);
    }

    @Test
    void flapMarksMustBeOrdered() {
        assertThatThrownBy(() -> Json.read(FIRST_VERSION.replace("\"for\"",
                "\"flap_high\":0.2,\"flap_low\":0.3,\"for\""), AlertRule.class))
                .hasMessageContaining("flap_low");
        assertThatThrownBy(() -> Json.read(FIRST_VERSION.replace("\"for\"", "\"flap_window\":1,\"for\""),
                AlertRule.class))
                .hasMessageContaining("flap_window");
    }

    private static AlertRule rule(String service) {
        return new AlertRule(1, "r", Severity.WARNING, service, "latency_ms", Statistic.P95, null, Comparison.GT,
                1, null, null, null, null);
    }
}
