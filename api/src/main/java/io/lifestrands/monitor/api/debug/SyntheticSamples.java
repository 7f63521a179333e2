package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The synthetic samples of {@code POST /debug/simulate-failure} (by failure type) and {@code POST /debug/test-alerts}
 * (by trigger type: the seed's default rules, each held long enough for its {@code for} to elapse).
 */
final class SyntheticSamples {

    /** Samples for {@code service} at a time, and how long to keep producing them. */
    record Recipe(Duration duration, Function<Instant, Sample> sample) {
    }

    private static final Map<String, Function<String, Recipe>> TRIGGERS = new TreeMap<>(Map.of(
            "service_down", service -> recipe(60, at -> probe(service, at, false, 10.0, null, "test-alerts: down",
                    "test-alerts")),
            "database_unreachable", service -> recipe(40, at -> probe(service, at, false, null, null,
                    "test-alerts: connection refused", "test-alerts")),
            "gpu_memory_full", service -> recipe(120, at -> probe(service, at, true, 20.0, 200, null, "test-alerts")
                    .with(Map.of("vram_used_pct", 99.0), labels("test-alerts"))),
            "high_latency", service -> recipe(420, at -> probe(service, at, true, 2500.0, 200, null,
                    "test-alerts")),
            "error_rate", service -> recipe(240, at -> probe(service, at, true, 20.0, 500, "test-alerts: HTTP 500",
                    "test-alerts")),
            "queue_backlog", service -> recipe(720, at -> probe(service, at, true, 20.0, 200, null, "test-alerts")
                    .with(Map.of("queue_depth", 60.0, "queue_size:test_queue", 60.0), labels("test-alerts"))),
            "low_tokens_per_second", service -> recipe(120, at -> probe(service, at, true, 20.0, 200, null,
                    "test-alerts").with(Map.of("tokens_per_second", 5.0), labels("test-alerts"))),
            "model_switch", service -> recipe(1, at -> event(service, at, "model_switch")),
            "service_restart", service -> recipe(1, at -> event(service, at, "service_restart"))));

    private SyntheticSamples() {
    }

    /** @throws BadRequestException naming the known trigger types */
    static Recipe trigger(String type, String service) {
        Function<String, Recipe> recipe = type == null ? null : TRIGGERS.get(type);
        if (recipe == null) {
            throw new BadRequestException("trigger_type must be one of " + TRIGGERS.keySet() + ", was '"
                    + (type == null ? "" : type.length() > 64 ? type.substring(0, 64) : type) + "'");
        }
        return recipe.apply(service);
    }

    /** The sample of a simulated failure: down, timeout, slow or errors. */
    static Function<Instant, Sample> failure(String type, String service) {
        String marker = "simulate-failure";
        return switch (type) {
            case "down" -> at -> probe(service, at, false, null, null, "simulated failure: down", marker);
            case "timeout" -> at -> probe(service, at, false, 30_000.0, null, "simulated failure: timeout", marker);
            case "slow" -> at -> probe(service, at, true, 5_000.0, 200, null, marker);
            case "errors" -> at -> probe(service, at, true, 25.0, 500, "simulated failure: HTTP 500", marker);
            default -> throw new BadRequestException("failure_type must be one of [down, timeout, slow, errors], "
                    + "was '" + (type.length() > 64 ? type.substring(0, 64) : type) + "'");
        };
    }

    static Sample probe(String service, Instant at, boolean up, Double latencyMs, Integer status, String error,
                        String marker) {
        return new Sample(Sample.VERSION, SampleKind.PROBE, SampleInjector.HOST, service, at, up, latencyMs, status,
                error, Map.of(), labels(marker));
    }

    private static Sample event(String service, Instant at, String name) {
        return new Sample(Sample.VERSION, SampleKind.EVENT, SampleInjector.HOST, service, at, true, null, null, null,
                Map.of(), Map.of(SampleInjector.LABEL, "test-alerts", "event", name));
    }

    private static Map<String, String> labels(String marker) {
        return Map.of(SampleInjector.LABEL, marker);
    }

    private static Recipe recipe(long seconds, Function<Instant, Sample> sample) {
        return new Recipe(Duration.ofSeconds(seconds), sample);
    }
}
