package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import org.apache.kafka.common.metrics.Sensor;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-minute tumbling windows per (service, metric) that close by wall clock at {@code end + grace}; each closed
 * window is emitted once as a {@link MetricWindow}. A sample whose window has already closed is dead-lettered as
 * {@code late} and counted.
 *
 * <p>Open windows live in a logged store; a closing watermark is kept beside them so that neither a restart nor a
 * wall clock that steps back can reopen a window that was already emitted.
 */
public final class WindowProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String STORE = "open-windows-store";
    public static final Duration SIZE = Duration.ofMinutes(1);
    public static final String RESOLUTION = "1m";
    public static final String LATE_REASON = "late";
    /** Sorts after every window key (they start with digits), so range scans over windows never see it. */
    static final String CLOSED_THROUGH_KEY = "~closed-through";

    private final String name;
    private final Duration grace;
    private final Duration punctuationInterval;
    private final List<String> metricsChildren;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    private DeadLetters deadLetters;
    private Sensor lateCounter;
    private long closedThrough;

    /** @param metricsChildren the nodes that get every closed window (the metrics sink, the alert engine) */
    public WindowProcessor(String name, Duration grace, Duration punctuationInterval, List<String> metricsChildren,
                           String deadLetterSink) {
        this.name = name;
        this.grace = grace;
        this.punctuationInterval = punctuationInterval;
        this.metricsChildren = List.copyOf(metricsChildren);
        this.deadLetterSink = deadLetterSink;
    }

    /** The open-windows store: persistent, logged (restored after a crash), cached (one changelog write a commit). */
    public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        this.lateCounter = ProcessorMetrics.counter(context, name, ProcessorMetrics.LATE);
        byte[] stored = store.get(CLOSED_THROUGH_KEY);
        this.closedThrough = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::closeDueWindows);
    }

    @Override
    public void process(Record<String, ValidSample> record) {
        Sample sample = record.value().sample();
        deadLetters.guard(record.value().source(), () -> {
            long start = record.timestamp() - Math.floorMod(record.timestamp(), SIZE.toMillis());
            if (closesAt(start) <= now()) {
                lateCounter.record();
                deadLetters.send(record.value().source(), LateSample.class.getName(), LATE_REASON);
                return;
            }
            // aggregate every observation first, then write: a failure leaves no half-applied sample behind
            Map<String, OpenWindow> touched = new HashMap<>();
            for (Observation observation : Observation.of(sample)) {
                String key = new WindowKey(start, sample.service(), observation.metric()).encode();
                touched.computeIfAbsent(key, this::load).add(observation.value(), observation.error());
            }
            touched.forEach((key, window) -> store.put(key, window.encode()));
        });
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
            ProcessorMetrics.remove(context, lateCounter);
        }
    }

    private void closeDueWindows(long wallClockMs) {
        long now = Math.max(wallClockMs, closedThrough);
        long lastDueStart = now - SIZE.toMillis() - grace.toMillis();
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> windows = store.range(WindowKey.lowest(),
                WindowKey.upperBoundForStartsThrough(lastDueStart))) {
            windows.forEachRemaining(due::add);
        }
        for (KeyValue<String, byte[]> window : due) {
            emit(window.key, window.value);
            store.delete(window.key);
        }
        closedThrough = now;
        if (!due.isEmpty()) {
            store.put(CLOSED_THROUGH_KEY, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
        }
    }

    private void emit(String storeKey, byte[] encoded) {
        MetricWindow closed;
        try {
            WindowKey key = WindowKey.parse(storeKey);
            closed = OpenWindow.decode(encoded).close(key, SIZE, RESOLUTION);
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            // a window we cannot read is kept for inspection rather than retried forever by every punctuation
            deadLetters.send(new Record<>(storeKey.getBytes(StandardCharsets.UTF_8), encoded,
                    context.currentSystemTimeMs()), e);
            return;
        }
        // stamped with the window start, so a downstream roll-up windowing by timestamp puts it where it belongs
        Record<String, MetricWindow> out = new Record<>(closed.key(), closed, closed.windowStart().toEpochMilli());
        for (String child : metricsChildren) {
            context.forward(out, child);
        }
    }

    private OpenWindow load(String key) {
        byte[] stored = store.get(key);
        return stored == null ? OpenWindow.empty() : OpenWindow.decode(stored);
    }

    private long closesAt(long windowStartMs) {
        return windowStartMs + SIZE.toMillis() + grace.toMillis();
    }

    private long now() {
        return Math.max(context.currentSystemTimeMs(), closedThrough);
    }

    /** Names the cause in the DLQ's error-class header; never thrown. */
    static final class LateSample {
        private LateSample() {
        }
    }
}
