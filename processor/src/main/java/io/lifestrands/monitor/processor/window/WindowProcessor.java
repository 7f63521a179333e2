package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * Aggregates samples per (service, metric) into one-minute windows, 10 s panes for the live views and, for business
 * events, UTC days. By wall clock, at {@code end + grace}, each minute is emitted once and merged into its 5m and 1h
 * roll-ups, which are emitted once at their own {@code end + grace}; days are emitted as running windows at the live
 * cadence while open and once more, final, at close. A sample whose minute has already closed is dead-lettered as
 * {@code late} and counted.
 *
 * <p>Live views go out at most once per series per live interval, on the leading edge ({@link LiveViews}): a sample
 * for a series not sent within the interval (nor since the start) sends its views at once; later changes wait for the
 * interval, checked {@value #LIVE_CHECKS} times per interval.
 *
 * <p>Every output record goes to each of the given children.
 */
public final class WindowProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String STORE = OpenWindowStore.NAME;
    public static final String LATE_REASON = DeadLetters.LATE;
    /** How often per live interval pending live views are checked, i.e. how late after its interval one may go. */
    static final int LIVE_CHECKS = 10;

    private final String name;
    private final Duration grace;
    private final Duration punctuationInterval;
    private final Duration liveInterval;
    private final List<String> children;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private OpenWindowStore store;
    private LiveViews liveViews;
    private DeadLetters deadLetters;
    private Sensor lateCounter;
    private final Set<String> daysDirty = new HashSet<>();
    private long nextCloseMs = Long.MIN_VALUE;
    private long nextLiveTickMs = Long.MIN_VALUE;

    /**
     * @param grace               how long after its end a window still accepts samples, by wall clock
     * @param punctuationInterval how often due windows are closed, by wall clock (at the first live check of each
     *                            multiple of it)
     * @param liveInterval        the least time between two emissions of a series' live views; also how often
     *                            running days are emitted
     * @param children            the nodes that get every emitted {@link MetricWindow}
     * @param deadLetterSink      the DLQ sink node
     */
    public WindowProcessor(String name, Duration grace, Duration punctuationInterval, Duration liveInterval,
                           List<String> children, String deadLetterSink) {
        this.name = name;
        this.grace = grace;
        this.punctuationInterval = punctuationInterval;
        this.liveInterval = liveInterval;
        this.children = List.copyOf(children);
        this.deadLetterSink = deadLetterSink;
    }

    /** @param inMemory an in-memory map instead of RocksDB under the changelog */
    public static StoreBuilder<OpenWindowStore> storeBuilder(boolean inMemory) {
        return OpenWindowStore.builder(inMemory);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        store.load();
        this.liveViews = new LiveViews(store, liveInterval.toMillis());
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        this.lateCounter = ProcessorMetrics.counter(context, name, ProcessorMetrics.LATE);
        // after a restart every view and running day is sent once more, so consumers see the restored state
        for (Series series : store.series()) {
            if (series.windows(Resolution.DAY).isEmpty()) {
                liveViews.restored(series);
            } else {
                daysDirty.add(series.id());
            }
        }
        // one punctuator, so closing, expiry and pending live views always run in this order
        Duration liveCheck = liveInterval.dividedBy(LIVE_CHECKS);
        Duration check = liveCheck.compareTo(punctuationInterval) < 0 ? liveCheck : punctuationInterval;
        context.schedule(check.isZero() ? Duration.ofMillis(1) : check, PunctuationType.WALL_CLOCK_TIME,
                this::punctuate);
    }

    @Override
    public void process(Record<String, ValidSample> record) {
        Sample sample = record.value().sample();
        List<Series> changed = new ArrayList<>(2);
        deadLetters.guard(record.value().source(), () -> {
            long ts = record.timestamp();
            if (closesAt(Resolution.MINUTE, Resolution.MINUTE.startOf(ts)) <= now()) {
                lateCounter.record();
                deadLetters.send(record.value().source(), LateSample.class.getName(), LATE_REASON);
                return;
            }
            // everything that can reject the sample runs before the first window changes
            List<Observation> observations = Observation.of(sample);
            Optional<BusinessEvent> event = BusinessEvent.of(sample);
            addHistogram(sample, ts, changed);
            for (Observation observation : observations) {
                Series series = store.seriesOf(sample.service(), observation.metric());
                store.update(series, Resolution.MINUTE, Resolution.MINUTE.startOf(ts))
                        .add(observation.value(), observation.error(), observation.timeout(), ts, series.metric());
                store.update(series, Resolution.PANE, Resolution.PANE.startOf(ts))
                        .add(observation.value(), observation.error(), observation.timeout(), ts, series.metric());
                liveViews.changed(series, now());
                changed.add(series);
            }
            event.ifPresent(e -> {
                Series series = store.seriesOf(sample.service(), e.metric());
                store.update(series, Resolution.DAY, Resolution.DAY.startOf(ts)).addEvent(e.value(), ts);
                daysDirty.add(series.id());
            });
        });
        // the leading edge: a series not sent within the live interval is sent now, outside the sample's guard
        long now = now();
        for (Series series : changed) {
            liveViews.dueOf(series, now).forEach(view -> forward(view, now));
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
            ProcessorMetrics.remove(context, lateCounter);
        }
    }

    /** Every live check: closes due windows each punctuation interval, then live views and days as they are due. */
    private void punctuate(long wallClockMs) {
        long now = Math.max(wallClockMs, store.closedThrough());
        if (now >= nextCloseMs) {
            long every = punctuationInterval.toMillis();
            nextCloseMs = now - Math.floorMod(now, every) + every;
            for (Series series : store.series()) {
                closeMinutes(series, now);
                closeFinal(series, Resolution.FIVE_MINUTES, now);
                closeFinal(series, Resolution.HOUR, now);
                closeFinal(series, Resolution.DAY, now);
            }
            store.closedThrough(now);
        }
        if (now >= nextLiveTickMs) {
            nextLiveTickMs = now + liveInterval.toMillis();
            liveViews.expire(now);
            emitRunningDays();
        }
        // the trailing edge: pending views whose interval has passed, with the latest figures
        liveViews.due(now).forEach(view -> forward(view, now));
    }

    /**
     * Adds the sample's histogram, if any, to its series' minute and pane; it is checked against both before either
     * changes, so a refused histogram (another unit, a legacy sketch) leaves the windows as they were.
     */
    private void addHistogram(Sample sample, long ts, List<Series> changed) {
        Histogram histogram = sample.histogram();
        if (histogram == null || sample.failedToMonitor()) {
            return;
        }
        Series series = store.seriesOf(sample.service(), histogram.metric());
        OpenWindow minute = store.update(series, Resolution.MINUTE, Resolution.MINUTE.startOf(ts));
        OpenWindow pane = store.update(series, Resolution.PANE, Resolution.PANE.startOf(ts));
        minute.requireAccepts(histogram, series.metric());
        pane.requireAccepts(histogram, series.metric());
        minute.addHistogram(histogram, sample.failed(), ts, series.metric());
        pane.addHistogram(histogram, sample.failed(), ts, series.metric());
        liveViews.changed(series, now());
        changed.add(series);
    }

    /** Emits each due minute and merges it into its 5m and 1h roll-ups, which are never built from samples. */
    private void closeMinutes(Series series, long now) {
        NavigableMap<Long, OpenWindow> minutes = series.windows(Resolution.MINUTE);
        for (Map.Entry<Long, OpenWindow> due : List.copyOf(minutes.headMap(dueBefore(Resolution.MINUTE, now),
                true).entrySet())) {
            long start = due.getKey();
            rollUp(series, Resolution.FIVE_MINUTES, start, due.getValue());
            rollUp(series, Resolution.HOUR, start, due.getValue());
            emitFinal(series.key(Resolution.MINUTE, start), due.getValue());
            store.remove(series, Resolution.MINUTE, start);
        }
    }

    /**
     * Merges a closed minute into its roll-up. Only across the move to the scale-6 sketch can the two hold sketches
     * of different mappings; that merge is refused (it cannot be exact) and the minute is dead-lettered for the
     * roll-up, while the minute itself is still emitted.
     */
    private void rollUp(Series series, Resolution resolution, long minuteStart, OpenWindow minute) {
        try {
            store.update(series, resolution, resolution.startOf(minuteStart)).merge(minute, series.metric());
        } catch (IllegalArgumentException e) {
            deadLetters.send(new Record<>(series.key(Resolution.MINUTE, minuteStart).encode()
                    .getBytes(StandardCharsets.UTF_8), minute.encode(), context.currentSystemTimeMs()), e);
        }
    }

    private void closeFinal(Series series, Resolution resolution, long now) {
        NavigableMap<Long, OpenWindow> open = series.windows(resolution);
        for (Map.Entry<Long, OpenWindow> due : List.copyOf(open.headMap(dueBefore(resolution, now), true)
                .entrySet())) {
            emitFinal(series.key(resolution, due.getKey()), due.getValue());
            store.remove(series, resolution, due.getKey());
        }
    }

    private void emitRunningDays() {
        for (Series series : store.series()) {
            if (daysDirty.contains(series.id())) {
                series.windows(Resolution.DAY).forEach((start, day) ->
                        forward(day.close(series.key(Resolution.DAY, start)), start));
            }
        }
        daysDirty.clear();
    }

    private void emitFinal(WindowKey key, OpenWindow window) {
        MetricWindow closed;
        try {
            closed = window.close(key);
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            // a window we cannot emit is kept for inspection rather than retried by every punctuation
            deadLetters.send(new Record<>(key.encode().getBytes(StandardCharsets.UTF_8), window.encode(),
                    context.currentSystemTimeMs()), e);
            return;
        }
        // stamped with the window start, so a downstream consumer windowing by timestamp puts it where it belongs
        forward(closed, key.startMs());
    }

    private void forward(MetricWindow window, long timestampMs) {
        Record<Object, Object> out = new Record<>(window.key(), window, timestampMs);
        for (String child : children) {
            context.forward(out, child);
        }
    }

    /** Latest start of a window of this resolution that is due (closes at or before {@code now}). */
    private long dueBefore(Resolution resolution, long now) {
        return now - resolution.sizeMs() - grace.toMillis();
    }

    private long closesAt(Resolution resolution, long startMs) {
        return startMs + resolution.sizeMs() + grace.toMillis();
    }

    private long now() {
        return Math.max(context.currentSystemTimeMs(), store.closedThrough());
    }

    /** Names the cause in the DLQ's error-class header; never thrown. */
    static final class LateSample {
        private LateSample() {
        }
    }
}
