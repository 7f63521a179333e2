package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which window feeds which rule, and with which figure. */
class ReadingsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void ruleRangeChoosesTheLiveViewOrTheFinalWindowOfThatSize() {
        assertThat(Readings.resolutionFor(Duration.ofMinutes(1))).isEqualTo("live1m");
        assertThat(Readings.resolutionFor(Duration.ofMinutes(5))).isEqualTo("live5m");
        assertThat(Readings.resolutionFor(Duration.ofHours(1))).isEqualTo("1h");
    }

    @Test
    void windowFeedsOnlyTheRulesOfItsMetricResolutionAndService() {
        RuleBook rules = book(rule("p95_5m", Statistic.P95, "5m", "*"), rule("p95_1m", Statistic.P95, "1m", "*"),
                rule("other_service", Statistic.P95, "5m", "redis"));

        assertThat(Readings.ofWindow(window("live5m", null), rules))
                .extracting(o -> o.rule().name(), Observation::value)
                .containsExactly(tuple("p95_5m", 2400.0));
        assertThat(Readings.ofWindow(window("1m", null), rules)).isEmpty();
    }

    @Test
    void undecodableRuleIsSkippedAndTheOthersStay() {
        Map<String, byte[]> encoded = new HashMap<>();
        encoded.put("good", Json.encode(rule("good", Statistic.P95, "5m", "*")));
        encoded.put("bad", "{\"name\":\"bad\"}".getBytes(StandardCharsets.UTF_8));

        RuleBook book = RuleBook.EMPTY.refresh(encoded);

        assertThat(book.all()).extracting(AlertRule::name).containsExactly("good");
        assertThat(book.refresh(encoded)).isSameAs(book);
    }

    @Test
    void lastIsTakenOnlyWhenTheWindowCarriesIt() {
        RuleBook rules = book(rule("gpu", Statistic.LAST, "1m", "*"));

        assertThat(Readings.ofWindow(window("live1m", null), rules)).isEmpty();
        assertThat(Readings.ofWindow(window("live1m", 97.0), rules)).extracting(Observation::value)
                .containsExactly(97.0);
    }

    @Test
    void aFamilyRuleObservesEachSeriesItSelectsAsAnAlertOfItsOwn() {
        AlertRule backlog = metricRule("backlog", "queue_size,queue_size:*,queue_depth", Map.of("team", "ops"));
        RuleBook rules = book(backlog, metricRule("exact", "queue_size", Map.of()));

        assertThat(Readings.ofWindow(gauge("redis", "queue_size:summary_queue", 60), rules))
                .extracting(o -> o.rule().name(), Observation::labels)
                .containsExactly(tuple("backlog", Map.of("team", "ops", "metric", "queue_size:summary_queue")));
        assertThat(Readings.ofWindow(gauge("model_service", "queue_depth", 60), rules))
                .extracting(o -> o.rule().name(), Observation::labels)
                .containsExactly(tuple("backlog", Map.of("team", "ops", "metric", "queue_depth")));
        assertThat(Readings.ofWindow(gauge("summary_service", "queue_size", 60), rules))
                .extracting(o -> o.rule().name(), Observation::labels)
                .containsExactlyInAnyOrder(tuple("backlog", Map.of("team", "ops", "metric", "queue_size")),
                        tuple("exact", Map.of()));
        assertThat(Readings.ofWindow(gauge("redis", "queue_sizes", 60), rules)).isEmpty();
    }

    @Test
    void aRuleListingASeriesTwiceObservesItOnce() {
        RuleBook rules = book(metricRule("twice", "queue_size:*,queue_size:a", Map.of()));

        assertThat(Readings.ofWindow(gauge("redis", "queue_size:a", 60), rules)).hasSize(1);
    }

    @Test
    void aNarrowedSelectorNoLongerCoversTheSeriesItDropped() {
        RuleBook before = book(metricRule("backlog", "queue_size:*,queue_depth", Map.of()));
        RuleBook after = book(metricRule("backlog", "queue_size:*", Map.of()));
        RuleBook single = book(metricRule("backlog", "queue_depth", Map.of()));
        Map<String, String> depth = Map.of("metric", "queue_depth");

        assertThat(before.covers(before.rule("backlog").orElseThrow(), depth)).isTrue();
        assertThat(after.covers(after.rule("backlog").orElseThrow(), depth)).isFalse();
        assertThat(after.covers(after.rule("backlog").orElseThrow(), Map.of("metric", "queue_size:x"))).isTrue();
        assertThat(single.covers(single.rule("backlog").orElseThrow(), depth)).isFalse();
        assertThat(single.covers(single.rule("backlog").orElseThrow(), Map.of())).isTrue();
    }

    @Test
    void monitoringFailedFeedsItsRuleWithTheReasonAndLeavesUpAlone() {
        RuleBook rules = book(DefaultRules.byName().get(DefaultRules.SERVICE_DOWN),
                DefaultRules.byName().get(DefaultRules.MONITORING_FAILED));

        assertThat(Readings.ofStatus(change(ServiceStatus.MONITORING_FAILED, "unknown host x.invalid"), rules))
                .extracting(o -> o.rule().name(), Observation::value, Observation::detail)
                .containsExactly(tuple(DefaultRules.MONITORING_FAILED, 1.0, "unknown host x.invalid"));
        assertThat(Readings.ofStatus(change(ServiceStatus.DOWN, "connection refused"), rules))
                .extracting(o -> o.rule().name(), Observation::value)
                .containsExactlyInAnyOrder(tuple(DefaultRules.MONITORING_FAILED, 0.0),
                        tuple(DefaultRules.SERVICE_DOWN, 0.0));
        assertThat(Readings.ofStatus(change(ServiceStatus.UP, null), rules))
                .extracting(o -> o.rule().name(), Observation::value)
                .containsExactlyInAnyOrder(tuple(DefaultRules.MONITORING_FAILED, 0.0),
                        tuple(DefaultRules.SERVICE_DOWN, 1.0));
    }

    private static StatusChange change(ServiceStatus status, String reason) {
        return new StatusChange(1, "gateway", ServiceStatus.UP, status, T0, "collector-1", reason, null);
    }

    @Test
    void anAnomalyEpisodeFeedsTheRulesOfItsSeriesWithItsScoreWhileOpenAndZeroOnceClosed() {
        RuleBook rules = book(anomalyRule("p95_anomaly", "anomaly:latency_ms", Statistic.P95),
                anomalyRule("mean_anomaly", "anomaly:*", Statistic.MEAN),
                anomalyRule("plain", "latency_ms", Statistic.P95));
        AnomalyEpisode open = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.P95, "1m",
                AnomalyState.OPEN, T0, null, 800, 400, 6.5, AnomalyDirection.UP);
        AnomalyEpisode closed = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.P95, "1m",
                AnomalyState.CLOSED, T0, T0.plusSeconds(600), 900, 400, 7.5, AnomalyDirection.UP);

        assertThat(Readings.ofAnomaly(open, rules)).extracting(o -> o.rule().name(), Observation::value)
                .containsExactly(tuple("p95_anomaly", 6.5));
        assertThat(Readings.ofAnomaly(closed, rules)).extracting(Observation::value).containsExactly(0.0);
    }

    @Test
    void aDownwardAnomalyIsObservedByTheSizeOfItsScore() {
        RuleBook rules = book(anomalyRule("throughput_drop", "anomaly:latency_ms", Statistic.RATE_PER_MIN));
        AnomalyEpisode drop = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.RATE_PER_MIN, "1m",
                AnomalyState.OPEN, T0, null, 100, 600, -9, AnomalyDirection.DOWN);

        assertThat(Readings.ofAnomaly(drop, rules)).extracting(Observation::value).containsExactly(9.0);
    }

    private static AlertRule anomalyRule(String name, String metric, Statistic statistic) {
        return new AlertRule(1, name, Severity.WARNING, "*", metric, statistic, null, Comparison.GT, 0, null, null,
                null, Map.of());
    }

    private static AlertRule metricRule(String name, String metric, Map<String, String> labels) {
        return new AlertRule(1, name, Severity.WARNING, "*", metric, Statistic.LAST, Duration.ofMinutes(1),
                Comparison.GT, 50, null, null, null, labels);
    }

    private static MetricWindow gauge(String service, String metric, double last) {
        return new MetricWindow(1, service, metric, "live1m", T0, T0.plusSeconds(60), 2, 0, 2 * last, last, last,
                last, last, last, last, 2, 0, "", last);
    }

    private static RuleBook book(AlertRule... rules) {
        Map<String, byte[]> encoded = new HashMap<>();
        for (AlertRule rule : rules) {
            encoded.put(rule.name(), Json.encode(rule));
        }
        return RuleBook.EMPTY.refresh(encoded);
    }

    private static AlertRule rule(String name, Statistic statistic, String range, String service) {
        return new AlertRule(1, name, Severity.WARNING, service, "latency_ms", statistic,
                Json.parseDuration(range), Comparison.GT, 2000, null, null, null,
                Map.of());
    }

    private static MetricWindow window(String resolution, Double last) {
        return new MetricWindow(1, "gateway", "latency_ms", resolution, T0, T0.plusSeconds(60), 10, 1, 100, 1, 3000,
                10, 500, 2400, 2900, 10, 0.1, "", last);
    }
}
