package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.MetricSelector;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Statistic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each trigger of {@code POST /debug/test-alerts} against the default rule it is for: the samples carry what the rule
 * watches with a value that meets its condition, for longer than its {@code for}, or the label change it fires on.
 * That they fire through the real pipeline is {@code AlertTriggersIT}'s (infra/standalone).
 */
class AlertTriggersTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Rules fed by something other than a window: status changes, label changes, configuration changes. */
    private static final Set<String> DERIVED = Set.of(DefaultRules.UP, DefaultRules.MONITORING_FAILED,
            DefaultRules.MODEL_SWITCH, DefaultRules.SERVICE_RESTART, ConfigChange.EVENT);

    @Test
    void everyDefaultRuleHasATriggerOfItsOwnName() {
        for (AlertRule rule : DefaultRules.all()) {
            assertThat(AlertTriggers.trigger(rule.name()).rule()).as(rule.name()).isEqualTo(rule);
        }
        assertThat(AlertTriggers.trigger("low_tokens_per_second").rule().name()).isEqualTo("model_performance");
    }

    @Test
    void windowTriggersCarryAValueThatMeetsTheCondition() {
        for (AlertTriggers.Trigger trigger : AlertTriggers.all().values()) {
            AlertRule rule = trigger.rule();
            if (DERIVED.contains(rule.metric())) {
                continue;
            }
            List<Sample> samples = samples(trigger, "svc", Map.of(), 3);

            MetricSelector selector = MetricSelector.parse(rule.metric());
            assertThat(samples).as(trigger.name()).allSatisfy(sample -> {
                Map<String, Double> observed = observations(sample, rule.statistic());
                assertThat(observed.keySet()).as(trigger.name()).anyMatch(selector::matches);
                observed.forEach((metric, value) -> {
                    if (selector.matches(metric)) {
                        assertThat(rule.comparison().holds(value, rule.threshold()))
                                .as(trigger.name() + " " + metric + " = " + value).isTrue();
                    }
                });
                assertThat(sample.labels()).containsEntry(Sample.SYNTHETIC_LABEL, "test-alerts");
            });
            assertThat(recipe(trigger, "svc", Map.of()).duration()).as(trigger.name())
                    .isGreaterThan(rule.forDuration());
        }
    }

    @Test
    void downTriggersSendFailedProbesForLongerThanTheFor() {
        for (String name : List.of(DefaultRules.SERVICE_DOWN, DefaultRules.DATABASE_UNREACHABLE)) {
            AlertTriggers.Trigger trigger = AlertTriggers.trigger(name);
            String service = trigger.service(name.equals(DefaultRules.SERVICE_DOWN) ? "gateway" : null);

            assertThat(samples(trigger, service, Map.of(), 2)).allSatisfy(s -> assertThat(s.up()).isFalse());
            assertThat(recipe(trigger, service, Map.of()).duration()).isGreaterThan(trigger.rule().forDuration());
        }
    }

    @Test
    void modelSwitchChangesTheModelTypeOnceFromTheOneTheServiceHas() {
        AlertTriggers.Trigger trigger = AlertTriggers.trigger("model_switch");

        List<Sample> samples = samples(trigger, "model_service", Map.of("model_type", "chat"), 3);

        assertThat(samples).extracting(s -> s.labels().get("model_type"))
                .containsExactly("chat", AlertTriggers.MODEL_B, AlertTriggers.MODEL_B);
        assertThat(samples(trigger, "fresh", Map.of(), 3)).extracting(s -> s.labels().get("model_type"))
                .containsExactly(AlertTriggers.MODEL_A, AlertTriggers.MODEL_B, AlertTriggers.MODEL_B);
        assertThat(samples(trigger, "again", Map.of("model_type", AlertTriggers.MODEL_B), 3))
                .extracting(s -> s.labels().get("model_type"))
                .containsExactly(AlertTriggers.MODEL_B, AlertTriggers.MODEL_A, AlertTriggers.MODEL_A);
    }

    @Test
    void serviceRestartChangesTheInstanceIdOnce() {
        AlertTriggers.Trigger trigger = AlertTriggers.trigger("service_restart");

        List<Sample> samples = samples(trigger, "gateway", Map.of("instance_id", "gw-1"), 3);

        assertThat(samples.get(0).labels()).containsEntry("instance_id", "gw-1");
        assertThat(samples.get(1).labels().get("instance_id")).isNotEqualTo("gw-1");
        assertThat(samples.get(2).labels().get("instance_id")).isEqualTo(samples.get(1).labels().get("instance_id"));
    }

    @Test
    void labelTriggersLastForThreeSamples() {
        for (String name : List.of("model_switch", "service_restart")) {
            Duration duration = recipe(AlertTriggers.trigger(name), "svc", Map.of()).duration();

            assertThat(duration).as(name).isGreaterThan(INTERVAL.multipliedBy(2)).isLessThan(INTERVAL.multipliedBy(3));
        }
    }

    @Test
    void configurationChangeSendsOneConfigChangeEventOfTheMonitor() {
        AlertTriggers.Trigger trigger = AlertTriggers.trigger("configuration_change");
        String service = trigger.service(null);

        Sample sample = recipe(trigger, service, Map.of()).sample().apply(T0);

        assertThat(service).isEqualTo(ConfigChange.SERVICE);
        assertThat(sample.service()).isEqualTo(ConfigChange.SERVICE);
        assertThat(ConfigChange.of(sample)).contains(new ConfigChange("test-alerts", ConfigChange.Change.UPDATED));
        assertThat(recipe(trigger, service, Map.of()).duration()).isLessThan(INTERVAL);
    }

    @Test
    void aServiceTheRuleDoesNotWatchIsRefused() {
        assertThat(AlertTriggers.trigger("database_unreachable").service(null)).isEqualTo("postgres");
        assertThatThrownBy(() -> AlertTriggers.trigger("database_unreachable").service("chat_service"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("does not watch service 'chat_service'");
        assertThatThrownBy(() -> AlertTriggers.trigger("service_down").service("postgres"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("!postgres");
        assertThatThrownBy(() -> AlertTriggers.trigger("high_latency").service(null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("service is required");
        assertThatThrownBy(() -> AlertTriggers.trigger("meteor"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("host_disk_full");
    }

    @Test
    void aSimulatedTimeoutCountsAsATimeout() {
        Sample timeout = SyntheticSamples.failure("timeout", "svc").apply(T0);

        assertThat(timeout.error()).isEqualTo("timeout: simulated failure");
        assertThat(timeout.timedOut()).isTrue();
        assertThat(SyntheticSamples.failure("down", "svc").apply(T0).timedOut()).isFalse();
    }

    private static SyntheticSamples.Recipe recipe(AlertTriggers.Trigger trigger, String service,
                                                  Map<String, String> labels) {
        return trigger.recipe().apply(service, new AlertTriggers.Setting(INTERVAL, labels));
    }

    /** The first {@code n} samples of one recipe, an interval apart. */
    private static List<Sample> samples(AlertTriggers.Trigger trigger, String service, Map<String, String> labels,
                                        int n) {
        SyntheticSamples.Recipe recipe = recipe(trigger, service, labels);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(recipe.sample().apply(T0.plus(INTERVAL.multipliedBy(i))));
        }
        return out;
    }

    /** What a window of only this sample shows for the statistic, per metric, as the processor computes it. */
    private static Map<String, Double> observations(Sample sample, Statistic statistic) {
        Map<String, Double> out = new HashMap<>(sample.metrics());
        if (sample.latencyMs() != null) {
            out.put("latency_ms", statistic == Statistic.ERROR_RATE ? (sample.failed() ? 1.0 : 0.0)
                    : sample.latencyMs());
        }
        return out;
    }
}
