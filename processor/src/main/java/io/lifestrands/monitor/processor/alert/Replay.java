package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.BacktestEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Resolution;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays one rule over recorded inputs through a fresh {@link AlertEngine}, as the live {@link AlertProcessor}
 * would have evaluated them: in the order they reached it, each at the time the live processor evaluated it (a
 * window at its end, anything else at its record time), turned into observations by the same {@link Readings}, with
 * a tick every punctuation interval in place of the wall-clock punctuator. No Kafka: the backtest worker feeds it
 * from the topics, a test from a list.
 *
 * <p>When an input reached the live processor is its record time, except for a closed window: it is stamped with
 * its start but cannot arrive before its end, so it counts as arriving at its end. A live view ({@code live1m},
 * {@code live5m}) is stamped when it was emitted and is evaluated at the end of its current pane, which lies ahead:
 * ordering by evaluation time instead would let a tick fire a pending alert before a view that live came first.
 *
 * <p>It lives beside the engine because it needs the package's {@link Readings} and {@link RuleBook}, the one
 * definition of which input is an observation of which rule. Inhibition is not replayed (only this rule is), and
 * {@code absent} rules count the replay's start as the processor's start.
 */
public final class Replay {

    /** Input kinds as counted in {@link Outcome#inputs()}. */
    public static final String WINDOWS = "windows";
    public static final String STATUS_CHANGES = "status_changes";
    public static final String ANOMALIES = "anomalies";
    public static final String SAMPLES = "samples";
    public static final String TICKS = "ticks";

    private final AlertRule rule;
    private final RuleBook book;
    private final Instant from;
    private final Instant to;
    private final Instant start;
    private final Duration tickInterval;
    private final List<Timed> inputs = new ArrayList<>();

    /**
     * @param from         start of the range whose episodes count; the replay starts
     *                     {@link BacktestRequest#lookback} earlier
     * @param to           end of the range; nothing after it is replayed
     * @param tickInterval the live punctuation interval ({@code MONITOR_PUNCTUATION_INTERVAL})
     */
    public Replay(AlertRule rule, Instant from, Instant to, Duration tickInterval) {
        if (!to.isAfter(from) || tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("replay needs from < to and a positive tick interval, were " + from
                    + ", " + to + ", " + tickInterval);
        }
        this.rule = rule;
        this.book = RuleBook.EMPTY.refresh(Map.of(rule.name(), Json.encode(rule)));
        this.from = from;
        this.to = to;
        this.start = from.minus(BacktestRequest.lookback(rule));
        this.tickInterval = tickInterval;
    }

    /** The earliest event time the replay reads. */
    public Instant start() {
        return start;
    }

    /** Whether the rule watches raw samples (presence, configuration changes, label changes), which are many. */
    public boolean needsSamples() {
        return rule.statistic() == Statistic.ABSENT || !book.forMetric(ConfigChange.EVENT).isEmpty()
                || AlertProcessor.TRACKED_LABELS.values().stream().anyMatch(m -> !book.forMetric(m).isEmpty());
    }

    /**
     * Whether a record of {@code monitor.metrics.v1} with this key ({@code service/metric/resolution}) may concern
     * the rule, so a reader can skip the others without decoding them; true for a key of another shape.
     */
    public boolean mayConcernWindow(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 3) {
            return true;
        }
        return rule.appliesTo(parts[0]) && !book.forMetric(parts[1]).isEmpty()
                && Readings.resolutionFor(rule.range()).equals(parts[2]);
    }

    /**
     * Offers one input with the timestamp of its record; kept when it falls in the replay and may concern the rule.
     *
     * @param input a {@link MetricWindow}, {@link StatusChange}, {@link AnomalyEpisode} or {@link Sample}
     * @return whether it was kept
     * @throws IllegalArgumentException for any other type
     */
    public boolean offer(Object input, Instant recordTime) {
        Instant at;
        Instant arrival = recordTime;
        String kind;
        if (input instanceof MetricWindow window) {
            at = window.windowEnd();
            kind = WINDOWS;
            boolean live = Resolution.ofLabel(window.resolution()).map(Resolution::live).orElse(false);
            arrival = live ? recordTime : at;
            if (book.forMetric(window.metric()).isEmpty() || !rule.appliesTo(window.service())
                    || !Readings.resolutionFor(rule.range()).equals(window.resolution())) {
                return false;
            }
        } else if (input instanceof StatusChange change) {
            at = recordTime;
            kind = STATUS_CHANGES;
        } else if (input instanceof AnomalyEpisode episode) {
            at = recordTime;
            kind = ANOMALIES;
            if (book.forMetric(episode.ruleMetric()).isEmpty()) {
                return false;
            }
        } else if (input instanceof Sample sample) {
            at = recordTime;
            kind = SAMPLES;
            if (!needsSamples()) {
                return false;
            }
        } else {
            throw new IllegalArgumentException("a replay takes windows, status changes, anomaly episodes and "
                    + "samples, not " + input.getClass().getName());
        }
        if (arrival.isBefore(start) || arrival.isAfter(to)) {
            return false;
        }
        inputs.add(new Timed(arrival, at, inputs.size(), kind, input));
        return true;
    }

    /** Runs the kept inputs in order of arrival (ties in the order offered) with the ticks between them. */
    public Outcome run() {
        inputs.sort(Comparator.comparing(Timed::arrival).thenComparingLong(Timed::sequence));
        AlertEngine engine = new AlertEngine(Inhibition.NONE, start);
        Run run = new Run(engine);
        Map<String, Long> counts = new TreeMap<>();
        Instant nextTick = start.plus(tickInterval);
        long ticks = 0;
        for (Timed input : inputs) {
            for (; !nextTick.isAfter(input.arrival()); nextTick = nextTick.plus(tickInterval), ticks++) {
                run.tick(nextTick);
            }
            run.apply(observations(input, run), input.at());
            counts.merge(input.kind(), 1L, Long::sum);
        }
        for (; !nextTick.isAfter(to); nextTick = nextTick.plus(tickInterval), ticks++) {
            run.tick(nextTick);
        }
        counts.put(TICKS, ticks);
        return new Outcome(run.events, inRange(episodesOf(run.events, run.peaks)), counts);
    }

    private List<Observation> observations(Timed input, Run run) {
        Object value = input.value();
        if (value instanceof MetricWindow window) {
            return Readings.ofWindow(window, book, run.alternatives);
        }
        if (value instanceof StatusChange change) {
            return Readings.ofStatus(change, book);
        }
        if (value instanceof AnomalyEpisode episode) {
            return Readings.ofAnomaly(episode, book);
        }
        return Readings.ofSample((Sample) value, book, run.labels);
    }

    private List<BacktestEpisode> inRange(List<BacktestEpisode> episodes) {
        return episodes.stream()
                .filter(e -> !e.startsAt().isAfter(to) && (e.endsAt() == null || !e.endsAt().isBefore(from)))
                .toList();
    }

    /**
     * The episodes of a stream of alert events, as the api stores them: one per event id, started at its
     * {@code starts_at}, fired when a {@code firing} or {@code resolved} event came, ended by the first event with an
     * {@code ends_at}; in order of first appearance, with no peak (events carry only their transitions' values).
     */
    public static List<BacktestEpisode> episodesOf(List<AlertEvent> events) {
        return episodesOf(events, Map.of());
    }

    private static List<BacktestEpisode> episodesOf(List<AlertEvent> events, Map<String, Double> peaks) {
        Map<String, BacktestEpisode> byId = new LinkedHashMap<>();
        for (AlertEvent event : events) {
            BacktestEpisode known = byId.get(event.id());
            boolean fired = event.state() != AlertState.PENDING || known != null && known.fired();
            Instant endsAt = known != null && known.endsAt() != null ? known.endsAt() : event.endsAt();
            byId.put(event.id(), new BacktestEpisode(event.id(), event.fingerprint(), event.rule(), event.service(),
                    event.severity(), event.labels(), event.startsAt(), fired, endsAt, peaks.get(event.id())));
        }
        return List.copyOf(byId.values());
    }

    /** The value farther on the firing side of the rule's comparison. */
    private static double farther(Comparison comparison, double peak, double value) {
        boolean below = comparison == Comparison.LT || comparison == Comparison.LE;
        return below ? Math.min(peak, value) : Math.max(peak, value);
    }

    /** The events the replay announced, in order, and the episodes overlapping the range with their inputs. */
    public record Outcome(List<AlertEvent> events, List<BacktestEpisode> episodes, Map<String, Long> inputs) {

        public Outcome {
            events = List.copyOf(events);
            episodes = List.copyOf(episodes);
            inputs = Map.copyOf(inputs);
        }
    }

    /** An input, when it reached the live processor and the time it was evaluated at. */
    private record Timed(Instant arrival, Instant at, long sequence, String kind, Object value) {
    }

    /** The engine's states of one replay, by fingerprint, and what it announced. */
    private final class Run {
        final AlertEngine engine;
        final Map<String, AlertStateRecord> states = new TreeMap<>();
        final Alternatives alternatives = new Alternatives();
        final Map<String, String> labelValues = new HashMap<>();
        final Readings.LabelMemory labels = Readings.LabelMemory.of(labelValues::get, labelValues::put);
        final List<AlertEvent> events = new ArrayList<>();
        /** Peak value of each episode by id, over every evaluation, not only the announced ones. */
        final Map<String, Double> peaks = new HashMap<>();

        Run(AlertEngine engine) {
            this.engine = engine;
        }

        void apply(List<Observation> observations, Instant at) {
            for (Observation observation : observations) {
                String fingerprint = Fingerprint.of(rule.name(), observation.service(), observation.labels());
                evaluate(fingerprint, states.get(fingerprint), observation, at);
            }
        }

        void tick(Instant now) {
            for (AlertStateRecord state : List.copyOf(states.values())) {
                if (state.phase() != Phase.INACTIVE || rule.statistic() == Statistic.ABSENT) {
                    evaluate(state.fingerprint(), state, Observation.tick(rule, state.service(), state.labels()), now);
                }
            }
        }

        private void evaluate(String fingerprint, AlertStateRecord old, Observation observation, Instant at) {
            Evaluation evaluation = engine.evaluate(old, observation, at);
            AlertStateRecord next = evaluation.state();
            states.put(fingerprint, next);
            if (next.phase() != Phase.INACTIVE) {
                peaks.merge(AlertEngine.episodeId(fingerprint, next.activeAt()), next.value(),
                        (a, b) -> farther(rule.comparison(), a, b));
            }
            events.addAll(evaluation.transitions());
        }
    }
}
