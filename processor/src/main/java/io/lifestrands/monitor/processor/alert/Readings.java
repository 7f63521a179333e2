package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.processor.slo.SloReading;
import io.lifestrands.monitor.schema.Resolution;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Turns the processor's inputs (windows, status changes, anomaly episodes, samples) into observations of the rules
 * watching them.
 */
final class Readings {

    private Readings() {
    }

    /**
     * The resolution whose windows a rule of this range reads: the live rolling views for 1 and 5 minutes
     * ({@code live1m}, {@code live5m}), the final windows for any other range ({@code 1h}, ...).
     */
    static String resolutionFor(Duration range) {
        if (range.equals(Duration.ofMinutes(1))) {
            return Resolution.LIVE_1M.label();
        }
        if (range.equals(Duration.ofMinutes(5))) {
            return Resolution.LIVE_5M.label();
        }
        return Json.formatDuration(range);
    }

    /** Like {@link #ofWindow(MetricWindow, RuleBook, Alternatives)} with no memory of earlier windows. */
    static List<Observation> ofWindow(MetricWindow window, RuleBook rules) {
        return ofWindow(window, rules, new Alternatives());
    }

    /**
     * A window as a value of the rules that watch its metric at its resolution, read in the metric's unit
     * ({@link MetricWindow#inMetricUnit()}: a {@code latency_ms} window of histograms in seconds is compared in
     * milliseconds). A rule of alternatives takes the window only when {@code alternatives} chooses its metric.
     */
    static List<Observation> ofWindow(MetricWindow window, RuleBook rules, Alternatives alternatives) {
        List<Observation> out = new ArrayList<>(2);
        MetricWindow inUnit = null;
        for (AlertRule rule : rules.forMetric(window.metric())) {
            if (rule.statistic() == Statistic.ABSENT || !rule.appliesTo(window.service())
                    || !resolutionFor(rule.range()).equals(window.resolution())) {
                continue;
            }
            List<String> choices = rules.alternatives(rule);
            if (!choices.isEmpty() && !alternatives.chooses(rule, choices, window, window.windowEnd())) {
                continue;
            }
            inUnit = inUnit == null ? window.inMetricUnit() : inUnit;
            OptionalDouble value = inUnit.statistic(rule.statistic());
            if (value.isPresent()) {
                out.add(Observation.value(rule, window.service(), rules.labels(rule, window.metric()),
                        value.getAsDouble()));
            }
        }
        return out;
    }

    /**
     * {@code up} is 0 while the service is down and 1 otherwise (degraded answers, so it is not down); while the
     * collectors cannot perform their checks nobody knows, so {@code up} keeps its last value.
     * {@code monitoring_failed} is 1 while they cannot, with the change's reason (the collector's error) as detail,
     * and 0 otherwise.
     */
    static List<Observation> ofStatus(StatusChange change, RuleBook rules) {
        boolean failed = change.newStatus() == ServiceStatus.MONITORING_FAILED;
        List<Observation> out = new ArrayList<>(values(rules, DefaultRules.MONITORING_FAILED, change.service(),
                failed ? 1 : 0, change.reason()));
        if (!failed) {
            double up = change.newStatus() == ServiceStatus.DOWN ? 0 : 1;
            out.addAll(values(rules, DefaultRules.UP, change.service(), up));
        }
        return out;
    }

    /**
     * An anomaly episode as a value of the rules that watch {@code anomaly:<metric>} with the episode's statistic:
     * the episode's |score| when it opens, 0 when it closes. The condition holds between the two, so a rule
     * {@code > 0} fires for the episode (after its {@code for}) and resolves when it closes. The rule's range is
     * not used: the detector's windows are its own.
     */
    static List<Observation> ofAnomaly(AnomalyEpisode episode, RuleBook rules) {
        List<Observation> out = new ArrayList<>(1);
        String metric = episode.ruleMetric();
        for (AlertRule rule : rules.forMetric(metric)) {
            if (rule.statistic() == episode.statistic() && rule.appliesTo(episode.service())) {
                out.add(Observation.value(rule, episode.service(), rules.labels(rule, metric),
                        episode.state() == AnomalyState.OPEN ? Math.abs(episode.score()) : 0));
            }
        }
        return out;
    }

    /** The last seen value of each tracked label, by {@code service|label}: a store live, a map in a replay. */
    interface LabelMemory {
        String get(String key);

        void put(String key, String value);

        static LabelMemory of(Function<String, String> get, BiConsumer<String, String> put) {
            return new LabelMemory() {
                @Override
                public String get(String key) {
                    return get.apply(key);
                }

                @Override
                public void put(String key, String value) {
                    put.accept(key, value);
                }
            };
        }
    }

    /**
     * A sample as the observations of the rules that watch raw samples: its {@link #presence}, the configuration
     * change it may announce, and a value of 1 (else 0) of each tracked label's derived metric when the label
     * changed since the last sample of the service ({@link AlertProcessor#TRACKED_LABELS}).
     */
    static List<Observation> ofSample(Sample sample, RuleBook rules, LabelMemory labels) {
        List<Observation> out = new ArrayList<>(presence(sample, rules));
        ConfigChange.of(sample).ifPresent(change -> out.addAll(ofConfigChange(change, sample.service(), rules)));
        AlertProcessor.TRACKED_LABELS.forEach((label, metric) -> {
            String current = sample.labels().get(label);
            if (current == null) {
                return;
            }
            String key = sample.service() + "|" + label;
            String previous = labels.get(key);
            if (!current.equals(previous)) {
                labels.put(key, current);
            }
            boolean changed = previous != null && !previous.equals(current);
            out.addAll(values(rules, metric, sample.service(), changed ? 1 : 0));
        });
        return out;
    }

    /**
     * An SLO's burn-rate tiers as values of the rules that watch {@link DefaultRules#SLO_BURN_1H_5M},
     * {@link DefaultRules#SLO_BURN_6H_30M} and {@link DefaultRules#SLO_BURN_3D_6H}, one alert per SLO (label
     * {@code slo}). A tier whose windows hold no events is unknown and gives no value: the alert keeps its condition.
     */
    static List<Observation> ofSlo(SloReading reading, RuleBook rules) {
        List<Observation> out = new ArrayList<>(3);
        sloTier(rules, DefaultRules.SLO_BURN_1H_5M, reading, reading.fast(), out);
        sloTier(rules, DefaultRules.SLO_BURN_6H_30M, reading, reading.slow(), out);
        sloTier(rules, DefaultRules.SLO_BURN_3D_6H, reading, reading.ticket(), out);
        return out;
    }

    private static void sloTier(RuleBook rules, String metric, SloReading reading, Double burn,
                                List<Observation> out) {
        if (burn == null) {
            return;
        }
        for (AlertRule rule : rules.forMetric(metric)) {
            if (rule.statistic() != Statistic.ABSENT && rule.appliesTo(reading.service())) {
                Map<String, String> labels = new HashMap<>(rules.labels(rule, metric));
                labels.put(SloReading.SLO_LABEL, reading.slo());
                out.add(Observation.value(rule, reading.service(), labels, burn));
            }
        }
    }

    /**
     * Signs of life for {@code absent} rules: {@code up} of a probe, the sample's latency ({@code probe_latency_ms}
     * of a probe, {@code latency_ms} of traffic) and each metric.
     */
    static List<Observation> presence(Sample sample, RuleBook rules) {
        List<Observation> out = new ArrayList<>(0);
        if (sample.kind() == SampleKind.PROBE) {
            seen(rules, DefaultRules.UP, sample.service(), out);
        }
        if (sample.latencyMs() != null && !sample.failedToMonitor()) {
            seen(rules, Names.latencyMetricOf(sample.kind()), sample.service(), out);
        }
        for (Map.Entry<String, Double> metric : sample.metrics().entrySet()) {
            seen(rules, metric.getKey(), sample.service(), out);
        }
        return out;
    }

    /** A value of a derived metric (e.g. {@code model_switch}) for every non-absent rule that watches it. */
    static List<Observation> values(RuleBook rules, String metric, String service, double value) {
        return values(rules, metric, service, value, null);
    }

    /** Like {@link #values(RuleBook, String, String, double)}, with a detail for the messages ({@code {error}}). */
    static List<Observation> values(RuleBook rules, String metric, String service, double value, String detail) {
        List<Observation> out = new ArrayList<>(1);
        for (AlertRule rule : rules.forMetric(metric)) {
            if (rule.statistic() != Statistic.ABSENT && rule.appliesTo(service)) {
                out.add(Observation.value(rule, service, rules.labels(rule, metric), value, detail));
            }
        }
        return out;
    }

    /**
     * A configuration change as an occurrence of {@link ConfigChange#EVENT} for {@code service}: for every rule
     * watching it, a value of 1 then one of 0 at the same instant, so each change fires its alert and resolves it
     * at once (a second change is a new episode, not a firing that is already on). The alert's labels are the rule's
     * plus the change's {@code subject} and {@code change}.
     */
    static List<Observation> ofConfigChange(ConfigChange change, String service, RuleBook rules) {
        List<Observation> out = new ArrayList<>(2);
        for (AlertRule rule : rules.forMetric(ConfigChange.EVENT)) {
            if (rule.statistic() != Statistic.ABSENT && rule.appliesTo(service)) {
                Map<String, String> labels = change.labels(rules.labels(rule, ConfigChange.EVENT));
                out.add(Observation.value(rule, service, labels, 1));
                out.add(Observation.value(rule, service, labels, 0));
            }
        }
        return out;
    }

    private static void seen(RuleBook rules, String metric, String service, List<Observation> out) {
        for (AlertRule rule : rules.forMetric(metric)) {
            if (rule.statistic() == Statistic.ABSENT && rule.appliesTo(service)) {
                out.add(Observation.seen(rule, service, rules.labels(rule, metric)));
            }
        }
    }
}
