package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.processor.slo.SloReading;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the {@link AlertEngine} inside the topology: evaluates every rule that watches an incoming window, status
 * change, anomaly episode, SLO reading or sample at its event time, and every active alert on a wall-clock punctuator, so
 * {@code for} timers and absence fire without new input. Alert states live in the logged {@link #STATE_STORE}, so a
 * restart continues pending timers and never fires twice; decoded states are kept in a {@link DecodedStates} in front
 * of it.
 * Transitions go to {@code monitor.alerts.v1}, keyed by fingerprint.
 *
 * <p>Rules come from the global {@link AlertTopology#RULES_STORE}, re-read at each punctuation, so a change on the
 * rules topic applies within one punctuation interval. Inhibition is a {@link StoreInhibition}.
 *
 * <p>Configuration changes are occurrences of {@link ConfigChange#EVENT} for service {@link ConfigChange#SERVICE}:
 * the task of partition 0 (one per application, whichever instance runs it) reports each rule added, updated or
 * deleted that it sees at a punctuation, and every task reports the {@code config_change} event samples it gets
 * (the api's). The first non-empty rule set a task sees is where it starts from, not a change: the rules restored at
 * start-up or seeded onto an empty topic are not reported.
 */
public final class AlertProcessor implements Processor<Object, Object, Object, Object> {

    public static final String STATE_STORE = "alert-state-store";
    public static final String LABEL_STORE = "alert-labels-store";
    /** Label whose change is a model switch, and label whose change is a restart, by derived metric. */
    static final Map<String, String> TRACKED_LABELS = Map.of(
            "model_type", DefaultRules.MODEL_SWITCH,
            "instance_id", DefaultRules.SERVICE_RESTART);

    private final String name;
    private final String alertsSink;
    private final String deadLetterSink;
    private final Duration punctuationInterval;
    private final AlertSettings settings;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, AlertStateRecord> stateStore;
    /** Decoded read-through/write-through view of {@link #stateStore}; rebuilt in {@link #init}. */
    private DecodedStates states;
    private KeyValueStore<String, String> labels;
    private KeyValueStore<String, byte[]> ruleStore;
    private DeadLetters deadLetters;
    private AlertEngine engine;
    private RuleBook rules = RuleBook.EMPTY;
    /** Which alternative each rule of alternatives reads per service; in memory, rebuilt in {@link #init}. */
    private Alternatives alternatives = new Alternatives();
    private RuleChanges ruleChanges;
    /** Every rule seen by this instance, so the alerts of a deleted rule can still be resolved properly. */
    private final Map<String, AlertRule> known = new HashMap<>();

    public AlertProcessor(String name, String alertsSink, String deadLetterSink, Duration punctuationInterval,
                          AlertSettings settings) {
        this.name = name;
        this.alertsSink = alertsSink;
        this.deadLetterSink = deadLetterSink;
        this.punctuationInterval = punctuationInterval;
        this.settings = settings;
    }

    /** Alert states by fingerprint: persistent and logged, so pending timers survive a restart. */
    public static StoreBuilder<KeyValueStore<String, AlertStateRecord>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                        new JsonSerde<>(AlertStateRecord.class))
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    /** Last seen value of each tracked label, by {@code service|label}. */
    public static StoreBuilder<KeyValueStore<String, String>> labelStoreBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LABEL_STORE), Serdes.String(),
                        Serdes.String())
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.stateStore = context.getStateStore(STATE_STORE);
        this.states = new DecodedStates(stateStore);
        this.labels = context.getStateStore(LABEL_STORE);
        this.ruleStore = context.getStateStore(AlertTopology.RULES_STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        this.alternatives = new Alternatives();
        KeyValueStore<String, byte[]> latestAlerts = context.getStateStore(AlertTopology.LATEST_ALERTS_STORE);
        Inhibition inhibition = new StoreInhibition(settings, () -> rules, stateStore, latestAlerts);
        this.engine = new AlertEngine(inhibition, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        refreshRules();
        this.ruleChanges = new RuleChanges(context.taskId().partition() == 0, rules);
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<Object, Object> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        Object value = record.value();
        if (value instanceof ValidSample valid) {
            deadLetters.guard(valid.source(), () -> apply(ofSample(valid.sample()), at, record.timestamp()));
        } else if (value instanceof MetricWindow window) {
            guard(record, () -> apply(Readings.ofWindow(window, rules, alternatives), window.windowEnd(), record.timestamp()));
        } else if (value instanceof StatusChange change) {
            guard(record, () -> apply(Readings.ofStatus(change, rules), at, record.timestamp()));
        } else if (value instanceof AnomalyEpisode episode) {
            guard(record, () -> apply(Readings.ofAnomaly(episode, rules), at, record.timestamp()));
        } else if (value instanceof SloReading reading) {
            apply(Readings.ofSlo(reading, rules), at, record.timestamp());
        } else {
            throw new IllegalStateException("alert processor got an unexpected " + value.getClass().getName());
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private List<Observation> ofSample(Sample sample) {
        return Readings.ofSample(sample, rules, Readings.LabelMemory.of(labels::get, labels::put));
    }

    private void apply(List<Observation> observations, Instant at, long timestamp) {
        for (Observation observation : inhibitorsFirst(observations, o -> o.rule().name())) {
            AlertRule rule = observation.rule();
            String fingerprint = Fingerprint.of(rule.name(), observation.service(), observation.labels());
            AlertStateRecord old = states.get(fingerprint);
            Evaluation evaluation = engine.evaluate(old, observation, at);
            save(fingerprint, old, evaluation.state());
            evaluation.transitions().forEach(event -> emit(event, timestamp));
        }
    }

    private void tick(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        RuleBook before = rules;
        refreshRules();
        if (rules != before) {
            List<Observation> changes = new ArrayList<>();
            ruleChanges.between(before, rules).forEach(change ->
                    changes.addAll(Readings.ofConfigChange(change, ConfigChange.SERVICE, rules)));
            apply(changes, now, wallClockMs);
        }
        List<KeyValue<String, AlertStateRecord>> all = new ArrayList<>();
        try (KeyValueIterator<String, AlertStateRecord> iterator = stateStore.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, AlertStateRecord> entry : inhibitorsFirst(all, e -> e.value.rule())) {
            AlertStateRecord state = entry.value;
            AlertRule rule = rules.rule(state.rule()).orElse(null);
            if (rule == null || !rule.appliesTo(state.service()) || !rules.covers(rule, state.labels())) {
                AlertRule last = rule != null ? rule : known.get(state.rule());
                if (last != null) {
                    engine.retire(state, last, now).forEach(event -> emit(event, wallClockMs));
                }
                states.delete(entry.key);
            } else if (state.phase() != Phase.INACTIVE || rule.statistic() == Statistic.ABSENT) {
                Evaluation evaluation = engine.evaluate(state,
                        Observation.tick(rule, state.service(), state.labels()), now);
                save(entry.key, state, evaluation.state());
                evaluation.transitions().forEach(event -> emit(event, wallClockMs));
            }
        }
    }

    /**
     * The items of inhibiting rules first, the others after them, each group in its given order: a warning that
     * becomes due in the same evaluation as its inhibitor is then inhibited whatever the store's key order.
     */
    private <T> List<T> inhibitorsFirst(List<T> items, Function<T, String> ruleName) {
        if (items.size() < 2) {
            return items;
        }
        List<T> ordered = new ArrayList<>(items.size());
        List<T> others = new ArrayList<>(items.size());
        for (T item : items) {
            (settings.inhibitors().contains(ruleName.apply(item)) ? ordered : others).add(item);
        }
        ordered.addAll(others);
        return ordered;
    }

    private void refreshRules() {
        rules = rules.refresh(ruleStore);
        rules.all().forEach(rule -> known.put(rule.name(), rule));
    }

    private void save(String fingerprint, AlertStateRecord old, AlertStateRecord next) {
        if (next != old) {
            states.put(fingerprint, next);
        }
    }

    private void emit(AlertEvent event, long timestamp) {
        context.forward(new Record<>(event.fingerprint(), event, timestamp), alertsSink);
        AlertAudit.transition(event);
    }

    /** Like {@link DeadLetters#guard}, but the window or status change is encoded only when it must be sent. */
    private void guard(Record<Object, Object> record, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            byte[] key = String.valueOf(record.key()).getBytes(StandardCharsets.UTF_8);
            deadLetters.send(new Record<>(key, Json.encode(record.value()), record.timestamp(), record.headers()), e);
        }
    }
}
