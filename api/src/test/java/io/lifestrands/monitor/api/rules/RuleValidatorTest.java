package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.system.FieldError;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code PUT /alerts/config} rules: AlertRule's own checks, every bad field named with its reason. */
class RuleValidatorTest {

    private final RuleValidator validator = new RuleValidator();

    @Test
    void validRulesBecomeAlertRules() {
        RuleValidator.Result result = validator.validate(Json.MAPPER.readTree("""
                [{"name": "latency_high", "severity": "warning", "service": "gateway", "metric": "latency_ms",
                  "statistic": "p95", "range": "5m", "comparison": ">", "threshold": 2000, "for": "300s",
                  "labels": {"team": "core"}}]
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.comparison()).isEqualTo(Comparison.GT);
            assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void everyBadFieldIsReportedWithItsReason() {
        RuleValidator.Result result = validator.validate(Json.MAPPER.readTree("""
                [{"name": "ok_rule", "severity": "urgent", "metric": "latency ms", "statistic": "p42",
                  "comparison": "=>", "threshold": "high", "range": "0s", "for": "-5s", "keep_firing_for": "soon",
                  "labels": {"team": null}},
                 {"severity": "info", "metric": "m", "statistic": "max", "comparison": "<"},
                 {"name": "ok_rule", "severity": "info", "metric": "m", "statistic": "max", "comparison": "<",
                  "threshold": 1}]
                """));

        assertThat(result.rules()).isEmpty();
        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "rules[0].severity", "rules[0].metric", "rules[0].statistic", "rules[0].comparison",
                "rules[0].threshold", "rules[0].range", "rules[0].for", "rules[0].keep_firing_for",
                "rules[0].labels.team", "rules[1].name", "rules[1].threshold", "rules[2].name");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("rules[0].severity")).singleElement()
                .extracting(FieldError::reason).asString().contains("[critical, warning, info]", "urgent");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("rules[2].name")).singleElement()
                .extracting(FieldError::reason).asString().contains("duplicate");
    }

    @Test
    void selectorsOfTheDefaultRulesAreAccepted() {
        RuleValidator.Result result = validator.validate(Json.MAPPER.readTree("""
                [{"name": "service_down", "severity": "critical", "service": "!postgres", "metric": "up",
                  "statistic": "last", "comparison": "==", "threshold": 0},
                 {"name": "model_slow", "severity": "warning", "service": "model_service,chat_service",
                  "metric": "tokens_per_second", "statistic": "mean", "comparison": "<", "threshold": 10}]
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.rules()).extracting(AlertRule::service)
                .containsExactly("!postgres", "model_service,chat_service");
    }

    @Test
    void everyDefaultRuleIsAcceptedAsTheProcessorWritesIt() {
        RuleValidator.Result result = validator.validate(Json.MAPPER.readTree(
                Json.MAPPER.writeValueAsString(DefaultRules.all())));

        assertThat(result.errors()).isEmpty();
        assertThat(result.rules()).containsExactlyElementsOf(DefaultRules.all());
    }

    @Test
    void aBrokenSelectorIsNamedWithTheRulesOwnReason() {
        RuleValidator.Result result = validator.validate(Json.MAPPER.readTree("""
                [{"name": "r", "severity": "info", "service": "!gateway,,redis", "metric": "m", "statistic": "max",
                  "comparison": "<", "threshold": 1}]
                """));

        assertThat(result.rules()).isEmpty();
        assertThat(result.errors()).containsExactly(new FieldError("rules[0].service",
                "must match [A-Za-z0-9_.:\\-]{1,128}, was ''"));
    }

    @Test
    void rulesMustBeAnArray() {
        assertThat(validator.validate(Json.MAPPER.readTree("{\"name\": \"x\"}")).errors())
                .extracting(FieldError::field).containsExactly("rules");
    }
}
