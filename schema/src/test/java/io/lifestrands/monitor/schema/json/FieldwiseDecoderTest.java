package io.lifestrands.monitor.schema.json;

import io.lifestrands.monitor.schema.AlertRule;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A record read field by field: the same value as Json decoding, or every bad field named at once. */
class FieldwiseDecoderTest {

    @Test
    void validRuleDecodesToWhatJsonDecodingGives() throws IOException {
        JsonNode golden = golden("/json/alert-rule.json");

        AlertRule rule = FieldwiseDecoder.decode(golden, AlertRule.class);

        assertThat(rule).isEqualTo(Json.convert(golden, AlertRule.class));
    }

    @Test
    void wrongTypesAndBrokenValuesAreNamedTogetherInFieldOrder() {
        JsonNode rule = Json.MAPPER.readTree("""
                {"name": "bad rule", "severity": "urgent", "metric": "latency_ms", "statistic": "p95",
                 "comparison": ">", "threshold": "high", "for": "-1s", "keep_firing_for": "soon",
                 "labels": {"team": null}}
                """);

        assertThatThrownBy(() -> FieldwiseDecoder.decode(rule, AlertRule.class))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(
                            "name", "severity", "threshold", "for", "keep_firing_for", "labels.team");
                    assertThat(e.violations()).contains(
                            new FieldViolation("severity", "must be one of [critical, warning, info], was \"urgent\""),
                            new FieldViolation("threshold", "must be a number, was \"high\""),
                            new FieldViolation("for", "must be >= 0, was -1s"),
                            new FieldViolation("keep_firing_for",
                                    "must be a duration such as 30s, 5m or 1h, was \"soon\""));
                });
    }

    @Test
    void anAbsentPrimitiveIsRequired() {
        JsonNode rule = Json.MAPPER.readTree("""
                {"name": "r", "severity": "info", "metric": "m", "statistic": "max", "comparison": "<"}
                """);

        assertThatThrownBy(() -> FieldwiseDecoder.decode(rule, AlertRule.class))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("threshold", "is required")));
    }

    @Test
    void onlyAnObjectIsARecord() {
        assertThatThrownBy(() -> FieldwiseDecoder.decode(Json.MAPPER.readTree("[1]"), AlertRule.class))
                .isInstanceOf(InvalidFieldsException.class).hasMessage("must be a JSON object");
    }

    private static JsonNode golden(String resource) throws IOException {
        try (InputStream in = FieldwiseDecoderTest.class.getResourceAsStream(resource)) {
            return Json.MAPPER.readTree(in.readAllBytes());
        }
    }
}
