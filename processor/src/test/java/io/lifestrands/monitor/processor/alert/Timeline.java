package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * A fixed-clock timeline for one alert: observations at given seconds after {@link #T0}, a tick every second in
 * between (the punctuator), and the transitions that came out, each with the second it came out at.
 */
final class Timeline {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String SERVICE = "gateway";

    record Transition(long second, AlertEvent event) {
        AlertState state() {
            return event.state();
        }
    }

    private final AlertRule rule;
    private final AlertEngine engine;
    private final TreeMap<Long, List<Observation>> inputs = new TreeMap<>();
    private final List<Transition> out = new ArrayList<>();
    private AlertStateRecord state;

    Timeline(AlertRule rule, Inhibition inhibition, Instant startedAt) {
        this.rule = rule;
        this.engine = new AlertEngine(inhibition, startedAt);
    }

    Timeline(AlertRule rule) {
        this(rule, Inhibition.NONE, T0.minus(Duration.ofDays(1)));
    }

    static AlertRule rule(Severity severity, Comparison comparison, double threshold, String forDuration,
                          String keepFiringFor) {
        return new AlertRule(1, "high_latency", severity, "*", "latency_ms", Statistic.P95, Duration.ofMinutes(5),
                comparison, threshold, duration(forDuration), duration(keepFiringFor),
                "p95 latency of {service} is {value} ms (limit {threshold} ms)", Map.of());
    }

    static Duration duration(String text) {
        return Json.parseDuration(text);
    }

    /** One value at {@code second}. */
    Timeline value(long second, double value) {
        inputs.computeIfAbsent(second, s -> new ArrayList<>()).add(Observation.value(rule, SERVICE, value));
        return this;
    }

    /** A value every {@code step} seconds in {@code [from, to)}, given by {@code valueAt(second)}. */
    Timeline values(long from, long to, long step, LongFunction<Double> valueAt) {
        for (long second = from; second < to; second += step) {
            value(second, valueAt.apply(second));
        }
        return this;
    }

    Timeline seen(long second) {
        inputs.computeIfAbsent(second, s -> new ArrayList<>()).add(Observation.seen(rule, SERVICE));
        return this;
    }

    /** Plays everything from second 0 through {@code lastSecond}: the observations of a second, then its tick. */
    Timeline playThrough(long lastSecond) {
        for (long second = 0; second <= lastSecond; second++) {
            for (Observation observation : inputs.getOrDefault(second, List.of())) {
                evaluate(second, observation);
            }
            evaluate(second, Observation.tick(rule, SERVICE));
        }
        return this;
    }

    /** Continues from a stored state, e.g. one written before a restart. */
    Timeline startingFrom(AlertStateRecord stored) {
        this.state = stored;
        return this;
    }

    List<Transition> transitions() {
        return List.copyOf(out);
    }

    /** Firing and resolved events: what gets notified. */
    List<Transition> notifications() {
        return out.stream().filter(t -> t.state() != AlertState.PENDING).toList();
    }

    AlertStateRecord state() {
        return state;
    }

    private void evaluate(long second, Observation observation) {
        Evaluation evaluation = engine.evaluate(state, observation, T0.plusSeconds(second));
        state = evaluation.state();
        evaluation.transitions().forEach(event -> out.add(new Transition(second, event)));
    }
}
