package io.lifestrands.monitor.processor.anomaly;

import io.lifestrands.monitor.processor.LoggedStores;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@link AnomalyDetector} inside the topology on every closed {@value #RESOLUTION} window, for each
 * {@link Signal} of its metric. Series states live in the logged {@link #STORE}, keyed
 * {@code service|metric|statistic}; episode transitions go to each child (the anomalies sink and the alert
 * processor), keyed the same and stamped with the end of the window that caused them.
 *
 * <p>A window that cannot be judged is dead-lettered, a stored state that cannot be read is dead-lettered and its
 * series starts over: neither stops the stream thread. Once a minute, by wall clock, the series that had no window
 * for longer than the history are dropped, closing their open episode, so an episode of a series that stopped
 * reporting (a model service whose tokens/s went away) does not stay open for ever.
 */
public final class AnomalyProcessor implements Processor<String, MetricWindow, Object, Object> {

    public static final String STORE = "anomaly-state-store";
    /** The windows the detector follows: final minutes, one value per series per minute. */
    static final String RESOLUTION = "1m";
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final String name;
    private final AnomalyDetector detector;
    private final List<String> children;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> states;
    private DeadLetters deadLetters;

    public AnomalyProcessor(String name, AnomalySettings settings, List<String> children, String deadLetterSink) {
        this.name = name;
        this.detector = new AnomalyDetector(settings);
        this.children = List.copyOf(children);
        this.deadLetterSink = deadLetterSink;
    }

    /** Encoded {@link SeriesState}s by key: logged, so a restart keeps every history and open episode. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder(boolean inMemory) {
        return LoggedStores.keyValue(STORE, Serdes.String(), Serdes.ByteArray(), inMemory);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        context.schedule(WINDOW, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, MetricWindow> record) {
        MetricWindow window = record.value();
        if (!RESOLUTION.equals(window.resolution())) {
            return;
        }
        List<Signal> signals = Signal.of(window.metric());
        if (signals.isEmpty()) {
            return;
        }
        try {
            judge(window, signals, record.timestamp());
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            deadLetters.send(new Record<>(window.key().getBytes(StandardCharsets.UTF_8), Json.encode(window),
                    record.timestamp(), record.headers()), e);
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /** Every verdict is made before anything is stored or sent, so a failure leaves no series half-judged. */
    private void judge(MetricWindow window, List<Signal> signals, long timestamp) {
        // the signals' min changes are in the metric's unit (ms), a histogram window may be in seconds
        MetricWindow inUnit = window.inMetricUnit();
        List<AnomalySeries> series = new ArrayList<>(signals.size());
        List<Verdict> verdicts = new ArrayList<>(signals.size());
        for (Signal signal : signals) {
            AnomalySeries one = new AnomalySeries(window.service(), signal, window.resolution());
            series.add(one);
            verdicts.add(detector.observe(stateOf(one.key(), timestamp), one, signal.valueOf(inUnit),
                    window.windowStart(), window.windowEnd()));
        }
        long at = window.windowEnd().toEpochMilli();
        for (int i = 0; i < verdicts.size(); i++) {
            states.put(series.get(i).key(), verdicts.get(i).state().encode());
            verdicts.get(i).transition().ifPresent(episode -> forward(episode, at));
        }
    }

    /** The stored state of a series; null when there is none or it cannot be read (then it is dead-lettered). */
    private SeriesState stateOf(String key, long timestamp) {
        byte[] bytes = states.get(key);
        if (bytes == null) {
            return null;
        }
        try {
            return SeriesState.decode(bytes);
        } catch (IllegalArgumentException e) {
            deadLetters.send(new Record<>(key.getBytes(StandardCharsets.UTF_8), bytes, timestamp), e);
            return null;
        }
    }

    /** Drops the series without a window for longer than the history, closing their episodes at their last end. */
    private void expire(long wallClockMs) {
        long silentFor = WINDOW.toMillis() * detector.settings().history();
        List<KeyValue<String, byte[]>> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> iterator = states.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, byte[]> entry : all) {
            SeriesState state = stateOf(entry.key, wallClockMs);
            if (state == null || state.lastEndMs() + silentFor < wallClockMs) {
                if (state != null) {
                    AnomalySeries.parse(entry.key, RESOLUTION)
                            .flatMap(series -> detector.expire(state, series))
                            .ifPresent(episode -> forward(episode, wallClockMs));
                }
                states.delete(entry.key);
            }
        }
    }

    private void forward(AnomalyEpisode episode, long timestampMs) {
        Record<Object, Object> out = new Record<>(episode.key(), episode, timestampMs);
        for (String child : children) {
            context.forward(out, child);
        }
    }
}
