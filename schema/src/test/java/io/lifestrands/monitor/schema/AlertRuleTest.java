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
    void metricSelectorTakesANameAPrefixFamilyOrAListOfThese() {
        MetricSelector backlog = MetricSelector.parse("queue_size,queue_size:*,queue_depth");

        assertThat(backlog.matches("queue_size")).isTrue();
        assertThat(backlog.matches("queue_size:summary_queue")).isTrue();
        assertThat(backlog.matches("queue_depth")).isTrue();
        assertThat(backlog.matches("queue_depth_max")).isFalse();
        assertThat(backlog.matches("queue_sizes")).isFalse();
        assertThat(backlog.single()).isFalse();
        assertThat(MetricSelector.parse("vram_used_pct").single()).isTrue();
        assertThat(MetricSelector.parse("disk_pct:*").single()).isFalse();
        assertThat(metricRule("queue_size:*,queue_depth").metric()).isEqualTo("queue_size:*,queue_depth");
    }

    @Test
    void metricSelectorTakesAlternativesInOrderOfPreference() {
        MetricSelector latency = MetricSelector.parse("latency_ms or probe_latency_ms");

        assertThat(latency.alternatives()).containsExactly("latency_ms", "probe_latency_ms");
        assertThat(latency.single()).isTrue();
        assertThat(latency.matches("latency_ms")).isTrue();
        assertThat(latency.matches("probe_latency_ms")).isTrue();
        assertThat(latency.matches("latency")).isFalse();
        assertThat(latency.prefixes()).isEmpty();
        assertThat(MetricSelector.parse("latency_ms").alternatives()).isEmpty();
        assertThat(MetricSelector.parse("queue_size,queue_depth").alternatives()).isEmpty();
        assertThat(metricRule("latency_ms or probe_latency_ms").metric()).isEqualTo("latency_ms or probe_latency_ms");
    }

    @Test
    void rejectsMalformedAlternativesNamingTheProblem() {
        assertThatThrownBy(() -> metricRule("latency_ms or queue_size:*"))
                .hasMessageContaining("metric alternatives must each be one metric name")
                .hasMessageContaining("queue_size:*");
        assertThatThrownBy(() -> metricRule("a,b or c")).hasMessageContaining("'a,b' is not");
        assertThatThrownBy(() -> metricRule("a  or b")).hasMessageContaining("metric alternatives");
        assertThatThrownBy(() -> metricRule("a or ")).hasMessageContaining("'' is not");
        assertThatThrownBy(() -> metricRule("a OR b")).hasMessageContaining("space only in 'or'");
        assertThatThrownBy(() -> metricRule("a b")).hasMessageContaining("space only in 'or'");
        assertThatThrownBy(() -> metricRule("a or a")).hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> metricRule(alternatives(MetricSelector.MAX_ENTRIES + 1)))
                .hasMessageContaining("at most " + MetricSelector.MAX_ENTRIES + " alternatives");
    }

    @Test
    void rejectsAMalformedMetricSelectorNamingTheField() {
        for (String bad : new String[] {"*", "queue*size", "a,,b", "a, b", "a**", ",a", "a,", ""}) {
            assertThatThrownBy(() -> metricRule(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("metric");
        }
        assertThatThrownBy(() -> metricRule("m,".repeat(MetricSelector.MAX_ENTRIES) + "m"))
                .hasMessageContaining("at most " + MetricSelector.MAX_ENTRIES);
    }

    @Test
    void theJsonSchemaPatternAcceptsExactlyTheSelectorsTheRecordAccepts() throws Exception {
        String pattern;
        try (var in = AlertRuleTest.class.getResourceAsStream("/schema/alert-rule.v1.json")) {
            pattern = Json.MAPPER.readTree(in).get("properties").get("metric").get("pattern").asString();
        }
        java.util.regex.Pattern schema = java.util.regex.Pattern.compile(pattern);

        for (String text : new String[] {"latency_ms", "queue_size:*", "queue_size,queue_size:*,queue_depth",
                "a".repeat(128), "a".repeat(129), "*", "queue*size", "a,,b", "a, b", "a**", ",a", "a,", "",
                "m,".repeat(MetricSelector.MAX_ENTRIES - 1) + "m", "m,".repeat(MetricSelector.MAX_ENTRIES) + "m",
                "latency_ms or probe_latency_ms", "a or b or c", "a or b*", "a,b or c", "a  or b", "a or ", " or a",
                "a OR b", "a b", "a or b,c", "or", alternatives(MetricSelector.MAX_ENTRIES),
                alternatives(MetricSelector.MAX_ENTRIES + 1)}) {
            boolean accepted;
            try {
                MetricSelector.parse(text);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertThat(schema.matcher(text).matches()).as(text).isEqualTo(accepted);
        }
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

    /** {@code m0 or m1 or ...}, {@code count} distinct names. */
    private static String alternatives(int count) {
        return String.join(" or ", java.util.stream.IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
    }

    private static AlertRule metricRule(String metric) {
        return new AlertRule(1, "r", Severity.WARNING, "*", metric, Statistic.LAST, null, Comparison.GT, 1, null,
                null, null, null);
    }

    private static AlertRule rule(String service) {
        return new AlertRule(1, "r", Severity.WARNING, service, "latency_ms", Statistic.P95, null, Comparison.GT,
                1, null, null, null, null);
    }
}
