package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.debug.SyntheticSamples.Recipe;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.Sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The triggers of {@code POST /debug/test-alerts}: one per default rule ({@link DefaultRules}), named like the rule
 * ({@code low_tokens_per_second} is an older name of {@code model_performance}'s). Each produces samples shaped as
 * the collector's probes build them that make its rule's condition true through the real pipeline: a value rule's
 * for its default {@code for} plus {@link #MARGIN}, a label-change rule's by one change of the label between two
 * samples of the service, {@code configuration_change}'s by one configuration-change event.
 */
final class AlertTriggers {

    static final String MARKER = "test-alerts";
    /** How much longer than the rule's default {@code for} a value trigger keeps its condition true. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    /** Subject of the configuration change the {@code configuration_change} trigger reports. */
    static final String CONFIG_SUBJECT = "test-alerts";
    /** The model types a {@code model_switch} trigger switches between when the service's own is not known. */
    static final String MODEL_A = "test-alerts-a";
    static final String MODEL_B = "test-alerts-b";
    private static final String MODEL_TYPE = "model_type";
    private static final String INSTANCE_ID = "instance_id";

    /**
     * What a recipe may use besides the service.
     *
     * @param interval how often the injector produces a sample
     * @param labels   the labels of the service's latest labelled sample the api has seen; empty when none
     */
    record Setting(Duration interval, Map<String, String> labels) {
    }

    /** One trigger: the default rule it makes fire, and the samples that do it for a service. */
    record Trigger(String name, AlertRule rule, BiFunction<String, Setting, Recipe> recipe) {

        /**
         * The service to inject for: {@code requested}, or the one service the rule watches when none is given.
         *
         * @throws BadRequestException when no service is given and the rule watches several, when the id is
         *                             malformed, or when the rule does not watch the service
         */
        String service(String requested) {
            if (requested == null || requested.isBlank()) {
                return onlyService().orElseThrow(() -> new BadRequestException("service is required for trigger_type "
                        + name));
            }
            RequestParams.checkId("service", requested);
            if (!rule.appliesTo(requested)) {
                throw new BadRequestException("trigger_type " + name + " fires rule " + rule.name()
                        + ", which does not watch service '" + requested + "' (service selector '" + rule.service()
                        + "')");
            }
            return requested;
        }

        private Optional<String> onlyService() {
            String selector = rule.service();
            boolean single = !selector.equals("*") && !selector.startsWith("!") && !selector.contains(",");
            return single ? Optional.of(selector) : Optional.empty();
        }
    }

    private static final Map<String, Trigger> TRIGGERS = triggers();

    private AlertTriggers() {
    }

    /** @throws BadRequestException naming the known trigger types */
    static Trigger trigger(String type) {
        Trigger trigger = type == null ? null : TRIGGERS.get(type);
        if (trigger == null) {
            throw new BadRequestException("trigger_type must be one of " + TRIGGERS.keySet() + ", was '"
                    + (type == null ? "" : type.length() > 64 ? type.substring(0, 64) : type) + "'");
        }
        return trigger;
    }

    /** Every trigger by name. */
    static Map<String, Trigger> all() {
        return TRIGGERS;
    }

    private static Map<String, Trigger> triggers() {
        Map<String, Trigger> out = new TreeMap<>();
        add(out, DefaultRules.SERVICE_DOWN, held(svc -> at -> probe(svc, at, false, 10.0, null, "test-alerts: down")));
        add(out, DefaultRules.DATABASE_UNREACHABLE, held(svc -> at -> probe(svc, at, false, null, null,
                "test-alerts: connection refused")));
        add(out, DefaultRules.MONITORING_FAILED, held(svc -> at -> SyntheticSamples.monitoringFailed(svc, at,
                "test-alerts: unknown host test-alerts.invalid", MARKER)));
        add(out, "gpu_memory_full", held(svc -> at -> reading(svc, at, Map.of("vram_used_pct", 99.0))));
        add(out, "high_latency", held(svc -> at -> probe(svc, at, true, 2500.0, 200, null)));
        add(out, "error_rate", held(svc -> at -> probe(svc, at, true, 20.0, 500, "test-alerts: HTTP 500")));
        add(out, "queue_backlog", held(svc -> at -> reading(svc, at, Map.of("queue_depth", 60.0,
                "queue_size:test_queue", 60.0))));
        Function<String, Function<Instant, Sample>> slowModel = svc -> at -> reading(svc, at,
                Map.of("tokens_per_second", 5.0));
        add(out, "model_performance", held(slowModel));
        add(out, "low_tokens_per_second", "model_performance", held(slowModel));
        // as the system probe reports a host (host:<id>): disk_pct:root is /, disk_pct the collector's own file system
        add(out, "host_cpu_high", held(svc -> at -> host(svc, at, Map.of("cpu_pct", 97.0))));
        add(out, "host_memory_high", held(svc -> at -> host(svc, at, Map.of("mem_pct", 95.0))));
        add(out, "host_disk_full", held(svc -> at -> host(svc, at, Map.of("disk_pct:root", 97.0,
                "disk_pct", 97.0))));
        add(out, DefaultRules.MODEL_SWITCH, rule -> (svc, setting) -> {
            String from = setting.labels().getOrDefault(MODEL_TYPE, MODEL_A);
            return labelChange(svc, setting, MODEL_TYPE, from, from.equals(MODEL_B) ? MODEL_A : MODEL_B);
        });
        add(out, DefaultRules.SERVICE_RESTART, rule -> (svc, setting) -> labelChange(svc, setting, INSTANCE_ID,
                setting.labels().getOrDefault(INSTANCE_ID, newInstance()), newInstance()));
        add(out, DefaultRules.CONFIGURATION_CHANGE, rule -> (svc, setting) ->
                new Recipe(setting.interval().dividedBy(2), AlertTriggers::configChange));
        return Collections.unmodifiableMap(out);
    }

    private static void add(Map<String, Trigger> out, String rule,
                            Function<AlertRule, BiFunction<String, Setting, Recipe>> recipe) {
        add(out, rule, rule, recipe);
    }

    private static void add(Map<String, Trigger> out, String name, String ruleName,
                            Function<AlertRule, BiFunction<String, Setting, Recipe>> recipe) {
        AlertRule rule = DefaultRules.byName().get(ruleName);
        if (rule == null) {
            throw new IllegalStateException("trigger " + name + " names no default rule: " + ruleName);
        }
        out.put(name, new Trigger(name, rule, recipe.apply(rule)));
    }

    /** The same sample every interval, for the rule's default {@code for} plus {@link #MARGIN}. */
    private static Function<AlertRule, BiFunction<String, Setting, Recipe>> held(
            Function<String, Function<Instant, Sample>> sample) {
        return rule -> (service, setting) -> new Recipe(rule.forDuration().plus(MARGIN), sample.apply(service));
    }

    /**
     * Three samples: the label's value {@code from}, then {@code to} twice. The processor sees one change (the rule
     * fires on the second sample, or on the first when it last saw another value) and resolves the alert on the
     * third, which changes nothing.
     */
    private static Recipe labelChange(String service, Setting setting, String label, String from, String to) {
        AtomicInteger sent = new AtomicInteger();
        return new Recipe(setting.interval().multipliedBy(5).dividedBy(2), at -> probe(service, at, true, 20.0, 200,
                null).with(Map.of(), SyntheticSamples.labels(MARKER,
                Map.of(label, sent.getAndIncrement() == 0 ? from : to))));
    }

    private static String newInstance() {
        return MARKER + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Sample probe(String service, Instant at, boolean up, Double latencyMs, Integer status,
                                String error) {
        return SyntheticSamples.probe(service, at, up, latencyMs, status, error, MARKER);
    }

    /** A healthy answer of a service that reports these readings, as the http and model probes do. */
    private static Sample reading(String service, Instant at, Map<String, Double> metrics) {
        return probe(service, at, true, 20.0, 200, null).with(metrics, SyntheticSamples.labels(MARKER, Map.of()));
    }

    /** A system probe of a host: no HTTP status, a short latency, these readings. */
    private static Sample host(String service, Instant at, Map<String, Double> metrics) {
        return probe(service, at, true, 2.0, null, null).with(metrics, SyntheticSamples.labels(MARKER, Map.of()));
    }

    /** The event the api publishes for a change of its notification settings, with another subject. */
    private static Sample configChange(Instant at) {
        Sample event = new ConfigChange(CONFIG_SUBJECT, ConfigChange.Change.UPDATED).toSample(SampleInjector.HOST, at);
        return event.with(event.metrics(), SyntheticSamples.labels(MARKER, event.labels()));
    }
}
