package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.processor.alert.Timeline.Transition;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lifestrands.monitor.processor.alert.Timeline.T0;
import static io.lifestrands.monitor.processor.alert.Timeline.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Timelines in, transitions out (Prometheus {@code TestKeepFiringFor} style), each with its must-not-fire case. */
class AlertEngineTest {

    private static final AlertRule FOR_60S = rule(Severity.WARNING, Comparison.GT, 2000, "60s", "0s");

    @Test
    void breachOf55SecondsWithFor60sFiresNothing() {
        Timeline timeline = new Timeline(FOR_60S)
                .values(0, 55, 5, s -> 2500.0)
                .values(55, 300, 5, s -> 100.0)
                .playThrough(300);

        assertThat(timeline.notifications()).isEmpty();
        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.PENDING), tuple(55L, AlertState.PENDING));
        assertThat(timeline.transitions().get(1).event().endsAt()).isEqualTo(T0.plusSeconds(55));
    }

    @Test
    void breachOf70SecondsWithFor60sFiresOnceOnTimeAndResolvesOnce() {
        Timeline timeline = new Timeline(FOR_60S)
                .values(0, 70, 5, s -> 2500.0)
                .values(70, 300, 5, s -> 100.0)
                .playThrough(300);

        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.PENDING), tuple(60L, AlertState.FIRING),
                        tuple(70L, AlertState.RESOLVED));
        AlertEvent resolved = timeline.transitions().get(2).event();
        assertThat(resolved.startsAt()).isEqualTo(T0);
        assertThat(resolved.endsAt()).isEqualTo(T0.plusSeconds(70));
        assertThat(resolved.id()).isEqualTo(timeline.transitions().get(1).event().id());
    }

    @Test
    void firesOnTheTickWithoutNewInputOnceForHasElapsed() {
        Timeline timeline = new Timeline(FOR_60S)
                .value(0, 2500)
                .playThrough(120);

        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.PENDING), tuple(60L, AlertState.FIRING));
    }

    @Test
    void falseObservationWhilePendingResetsSoTheNextBreachCountsFromItsOwnStart() {
        Timeline timeline = new Timeline(FOR_60S)
                .values(0, 40, 10, s -> 2500.0)
                .value(40, 100)
                .values(50, 200, 10, s -> 2500.0)
                .playThrough(200);

        assertThat(timeline.notifications()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(110L, AlertState.FIRING));
        assertThat(timeline.notifications().get(0).event().startsAt()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void eachFiringEpisodeHasItsOwnIdAndTheSameFingerprint() {
        AlertRule immediate = withoutFlapDamping(rule(Severity.WARNING, Comparison.GT, 2000, "0s", "0s"));
        Timeline timeline = new Timeline(immediate)
                .value(0, 2500).value(10, 100).value(20, 2500).value(30, 100)
                .playThrough(40);

        assertThat(timeline.transitions()).extracting(Transition::state).containsExactly(AlertState.FIRING,
                AlertState.RESOLVED, AlertState.FIRING, AlertState.RESOLVED);
        String fingerprint = Fingerprint.of("high_latency", Timeline.SERVICE, Map.of());
        String first = fingerprint + "-" + T0.toEpochMilli();
        String second = fingerprint + "-" + T0.plusSeconds(20).toEpochMilli();
        assertThat(timeline.transitions()).extracting(t -> t.event().id())
                .containsExactly(first, first, second, second);
        assertThat(timeline.transitions()).extracting(t -> t.event().fingerprint()).containsOnly(fingerprint);
    }

    @Test
    void keepFiringForHoldsThroughShortRecoveriesAndRestartsItsCountWhenTrueAgain() {
        Timeline timeline = shortRecovery(rule(Severity.WARNING, Comparison.GT, 2000, "10s", "30s"));

        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.PENDING), tuple(10L, AlertState.FIRING),
                        tuple(110L, AlertState.RESOLVED));
    }

    @Test
    void withoutKeepFiringForTheSameShortRecoveryResolves() {
        Timeline timeline = shortRecovery(rule(Severity.WARNING, Comparison.GT, 2000, "10s", "0s"));

        assertThat(timeline.notifications()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(10L, AlertState.FIRING), tuple(40L, AlertState.RESOLVED),
                        tuple(70L, AlertState.FIRING), tuple(80L, AlertState.RESOLVED));
    }

    @Test
    void clearThresholdKeepsTheAlertFiringUntilTheValueFallsBelowIt() {
        AlertRule gpu = gpuRule(85.0, 0);
        Timeline timeline = new Timeline(gpu)
                .value(0, 96).value(10, 90).value(20, 97).value(30, 86).value(40, 85).value(50, 90)
                .playThrough(60);

        assertThat(timeline.notifications()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.FIRING), tuple(40L, AlertState.RESOLVED));
    }

    @Test
    void withoutClearThresholdTheSameValuesResolveAtOnce() {
        Timeline timeline = new Timeline(gpuRule(null, 0))
                .value(0, 96).value(10, 90).value(20, 97).value(30, 86).value(40, 85).value(50, 90)
                .playThrough(60);

        assertThat(timeline.notifications()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.FIRING), tuple(10L, AlertState.RESOLVED),
                        tuple(20L, AlertState.FIRING), tuple(30L, AlertState.RESOLVED));
    }

    @Test
    void metricCrossingTheThresholdEvery10sFor30MinutesNotifiesAtMostTwiceWithHysteresis() {
        Timeline timeline = new Timeline(gpuRule(85.0, 0))
                .values(0, 1800, 10, s -> (s / 10) % 2 == 0 ? 96.0 : 94.0)
                .values(1800, 1900, 10, s -> 50.0)
                .playThrough(1900);

        assertThat(timeline.notifications()).extracting(Transition::state)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    }

    @Test
    void flappingInputNotifiesAtMostTwice() {
        Timeline timeline = new Timeline(gpuRule(null, AlertRule.DEFAULT_FLAP_WINDOW))
                .values(0, 1800, 10, s -> (s / 10) % 2 == 0 ? 96.0 : 50.0)
                .values(1800, 1900, 10, s -> 50.0)
                .playThrough(1900);

        assertThat(timeline.notifications()).hasSizeLessThanOrEqualTo(2);
        assertThat(timeline.state().flapping()).isFalse();
        assertThat(timeline.state().phase()).isEqualTo(Phase.INACTIVE);
    }

    @Test
    void withoutFlapDampingTheSameInputNotifiesEveryCrossing() {
        Timeline timeline = new Timeline(gpuRule(null, 0))
                .values(0, 1800, 10, s -> (s / 10) % 2 == 0 ? 96.0 : 50.0)
                .values(1800, 1900, 10, s -> 50.0)
                .playThrough(1900);

        assertThat(timeline.notifications()).hasSize(180);
    }

    @Test
    void conditionStillTrueWhenFlappingStopsFiresThen() {
        Timeline timeline = new Timeline(gpuRule(null, AlertRule.DEFAULT_FLAP_WINDOW))
                .values(0, 100, 10, s -> (s / 10) % 2 == 0 ? 96.0 : 50.0)
                .values(100, 300, 10, s -> 99.0)
                .playThrough(300);

        assertThat(timeline.notifications()).extracting(Transition::state)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING);
        assertThat(timeline.notifications().get(2).second()).isGreaterThan(100L);
        assertThat(timeline.state().flapping()).isFalse();
    }

    @Test
    void inhibitedWarningIsNotAnnouncedButItsResolutionIs() {
        AtomicBoolean serviceDown = new AtomicBoolean(true);
        Timeline timeline = new Timeline(FOR_60S, service -> serviceDown.get(), T0)
                .values(0, 100, 5, s -> 2500.0)
                .values(100, 200, 5, s -> 100.0)
                .playThrough(200);

        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(100L, AlertState.RESOLVED));
    }

    @Test
    void inhibitedWarningIsAnnouncedWhenTheInhibitionEndsWhileItStillHolds() {
        AtomicBoolean serviceDown = new AtomicBoolean(true);
        Timeline timeline = new Timeline(FOR_60S, service -> serviceDown.get(), T0)
                .values(0, 100, 5, s -> 2500.0)
                .playThrough(90);
        serviceDown.set(false);

        timeline.playThrough(91);

        assertThat(timeline.transitions()).extracting(Transition::state).containsExactly(AlertState.FIRING);
    }

    @Test
    void criticalAlertsAreNeverInhibited() {
        AlertRule critical = rule(Severity.CRITICAL, Comparison.GT, 2000, "60s", "0s");
        Timeline timeline = new Timeline(critical, service -> true, T0)
                .values(0, 100, 5, s -> 2500.0)
                .playThrough(100);

        assertThat(timeline.notifications()).extracting(Transition::state).containsExactly(AlertState.FIRING);
    }

    @Test
    void gapInTheDataNeitherFiresNorResetsThePendingFor() {
        AlertRule down = new AlertRule(1, "service_down", Severity.CRITICAL, "*", "up", Statistic.LAST, null,
                Comparison.EQ, 0, Duration.ofSeconds(30), null, "{service} is down", Map.of());
        Timeline upThenSilent = new Timeline(down).value(0, 1).playThrough(600);
        Timeline downThenSilent = new Timeline(down).value(0, 0).playThrough(600);

        assertThat(upThenSilent.transitions()).isEmpty();
        assertThat(downThenSilent.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(0L, AlertState.PENDING), tuple(30L, AlertState.FIRING));
    }

    @Test
    void absentRuleFiresWhenNoDataArrivedForLongerThanItsRangeAndResolvesOnData() {
        Timeline timeline = new Timeline(absentRule())
                .seen(0).seen(30).seen(150)
                .playThrough(200);

        assertThat(timeline.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(91L, AlertState.FIRING), tuple(150L, AlertState.RESOLVED));
        assertThat(timeline.transitions().get(0).event().value()).isEqualTo(61.0);
    }

    @Test
    void absentRuleWaitsTwoRangesAfterARestart() {
        AlertStateRecord beforeRestart = new Timeline(absentRule()).seen(0).playThrough(0).state();
        Timeline afterRestart = new Timeline(absentRule(), Inhibition.NONE, T0.plusSeconds(600))
                .startingFrom(beforeRestart)
                .playThrough(800);

        assertThat(afterRestart.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(721L, AlertState.FIRING));
    }

    @Test
    void pendingStateWrittenBeforeARestartFiresOnTimeAndOnce() {
        AlertStateRecord beforeRestart = new Timeline(FOR_60S).value(0, 2500).playThrough(30).state();
        Timeline afterRestart = new Timeline(FOR_60S, Inhibition.NONE, T0.plusSeconds(45))
                .startingFrom(beforeRestart)
                .playThrough(200);

        assertThat(afterRestart.transitions()).extracting(Transition::second, Transition::state)
                .containsExactly(tuple(60L, AlertState.FIRING));
    }

    @Test
    void eventRendersMessageValueAndThresholdUnescaped() {
        AlertRule rule = new AlertRule(1, "high_latency", Severity.WARNING, "*", "latency_ms", Statistic.P95, null,
                Comparison.GT, 2000, null, null, "<b>{service}</b> p95 {value} ms > {threshold} ms", Map.of());
        Timeline timeline = new Timeline(rule).value(0, 2412.345).playThrough(0);

        AlertEvent firing = timeline.transitions().get(0).event();

        assertThat(firing.message()).isEqualTo("<b>gateway</b> p95 2412.35 ms > 2000 ms");
        assertThat(firing.value()).isEqualTo(2412.345);
        assertThat(firing.threshold()).isEqualTo(2000.0);
        assertThat(firing.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anAlertOfOneSeriesCarriesItsLabelsInFingerprintEventsAndMessage() {
        AlertRule rule = new AlertRule(1, "queue_backlog", Severity.WARNING, "*", "queue_size:*", Statistic.LAST,
                null, Comparison.GT, 50, null, null, "queue {labels.metric} of {service} holds {value}{labels.none}",
                Map.of("team", "ops"));
        Map<String, String> labels = Map.of("team", "ops", "metric", "queue_size:jobs");
        AlertEngine engine = new AlertEngine(Inhibition.NONE, T0);

        Evaluation fired = engine.evaluate(null, Observation.value(rule, "redis", labels, 60), T0);
        Evaluation resolved = engine.evaluate(fired.state(), Observation.value(rule, "redis", labels, 10),
                T0.plusSeconds(5));

        AlertEvent firing = fired.transitions().get(0);
        assertThat(firing.labels()).isEqualTo(labels);
        assertThat(firing.fingerprint()).isEqualTo(Fingerprint.of("queue_backlog", "redis", labels))
                .isNotEqualTo(Fingerprint.of("queue_backlog", "redis", rule.labels()));
        assertThat(firing.message()).isEqualTo("queue queue_size:jobs of redis holds 60");
        assertThat(resolved.transitions()).extracting(AlertEvent::state, AlertEvent::labels)
                .containsExactly(tuple(AlertState.RESOLVED, labels));
    }

    @Test
    void theErrorThatHeldTheConditionIsInTheMessagesOfItsEpisode() {
        AlertRule rule = new AlertRule(1, "monitoring_failed", Severity.WARNING, "*", "monitoring_failed",
                Statistic.LAST, null, Comparison.GT, 0, Duration.ofSeconds(60), null,
                "Monitoring failed for {service}: {error}", Map.of());
        Map<String, String> labels = Map.of();
        AlertEngine engine = new AlertEngine(Inhibition.NONE, T0);

        Evaluation pending = engine.evaluate(null, Observation.value(rule, "gateway", labels, 1, "unknown host a"),
                T0);
        Evaluation fired = engine.evaluate(pending.state(), Observation.tick(rule, "gateway"), T0.plusSeconds(60));
        Evaluation resolved = engine.evaluate(fired.state(), Observation.value(rule, "gateway", labels, 0),
                T0.plusSeconds(90));

        assertThat(List.of(pending, fired, resolved)).flatExtracting(Evaluation::transitions)
                .extracting(AlertEvent::state, AlertEvent::message)
                .containsExactly(tuple(AlertState.PENDING, "Monitoring failed for gateway: unknown host a"),
                        tuple(AlertState.FIRING, "Monitoring failed for gateway: unknown host a"),
                        tuple(AlertState.RESOLVED, "Monitoring failed for gateway: unknown host a"));
    }

    @Test
    void steadyStateCostsNoNewRecord() {
        Timeline timeline = new Timeline(FOR_60S).values(0, 300, 5, s -> 100.0).playThrough(100);
        AlertStateRecord before = timeline.state();

        timeline.playThrough(101);

        assertThat(timeline.state()).isSameAs(before);
    }

    /** Breach 0-40 s, a 20 s recovery, breach 60-80 s, then recovered. */
    private static Timeline shortRecovery(AlertRule rule) {
        return new Timeline(rule)
                .values(0, 40, 5, s -> 2500.0)
                .values(40, 60, 5, s -> 100.0)
                .values(60, 80, 5, s -> 2500.0)
                .values(80, 200, 5, s -> 100.0)
                .playThrough(200);
    }

    private static AlertRule gpuRule(Double clearThreshold, int flapWindow) {
        return new AlertRule(1, "gpu_memory_full", Severity.CRITICAL, "*", "vram_used_pct", Statistic.LAST, null,
                Comparison.GT, 95, Duration.ZERO, Duration.ZERO, null, Map.of(), clearThreshold, flapWindow, null,
                null);
    }

    private static AlertRule withoutFlapDamping(AlertRule r) {
        return new AlertRule(r.v(), r.name(), r.severity(), r.service(), r.metric(), r.statistic(), r.range(),
                r.comparison(), r.threshold(), r.forDuration(), r.keepFiringFor(), r.message(), r.labels(),
                r.clearThreshold(), 0, null, null);
    }

    private static AlertRule absentRule() {
        return new AlertRule(1, "no_latency_data", Severity.WARNING, "*", "latency_ms", Statistic.ABSENT,
                Duration.ofMinutes(1), Comparison.EQ, 1, Duration.ZERO, Duration.ZERO, null, Map.of());
    }
}
