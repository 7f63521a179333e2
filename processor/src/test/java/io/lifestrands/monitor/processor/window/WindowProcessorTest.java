package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window processor alone, to restart it over the same store with a wall clock that stepped back. */
class WindowProcessorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final OpenWindowStore store = new OpenWindowStore(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WindowProcessor.STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build());

    @Test
    void neverReopensAnEmittedWindowAfterRestartWithAClockThatSteppedBack() {
        MockProcessorContext<Object, Object> before = context(T0);
        store.init(before.getStateStoreContext(), store);
        WindowProcessor first = started(before);
        first.process(sample(T0.plusSeconds(10)));
        before.setCurrentSystemTimeMs(T0.plusSeconds(70).toEpochMilli());
        before.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.plusSeconds(70).toEpochMilli());
        store.flush();
        first.close();

        MockProcessorContext<Object, Object> after = context(T0.plusSeconds(30));
        started(after).process(sample(T0.plusSeconds(20)));

        assertThat(before.forwarded("metrics")).filteredOn(f -> ((MetricWindow) f.record().value()).resolution()
                        .equals("1m")).singleElement()
                .satisfies(f -> assertThat(((MetricWindow) f.record().value()).count()).isEqualTo(1));
        assertThat(after.forwarded("dlq")).singleElement()
                .satisfies(f -> assertThat(new String(f.record().headers().lastHeader(Topics.DLQ_REASON).value(),
                        StandardCharsets.UTF_8)).isEqualTo(WindowProcessor.LATE_REASON));
    }

    @Test
    void restartSendsTheRestoredLiveViewsOnceWithEverySampleSoFar() {
        MockProcessorContext<Object, Object> before = context(T0);
        store.init(before.getStateStoreContext(), store);
        WindowProcessor first = started(before);
        punctuateAll(before, T0);
        // one live interval (5 s here) after the start: the first change is sent at once
        before.setCurrentSystemTimeMs(T0.plusSeconds(5).toEpochMilli());
        first.process(sample(T0.plusSeconds(5)));
        // within the live interval: pending, and the processor stops before sending it
        first.process(sample(T0.plusSeconds(6)));
        store.flush();
        first.close();
        assertThat(liveViews(before, "live1m")).extracting(MetricWindow::count).containsExactly(1L);

        MockProcessorContext<Object, Object> after = context(T0.plusSeconds(7));
        started(after);
        punctuateAll(after, T0.plusSeconds(7));
        punctuateAll(after, T0.plusSeconds(8));

        assertThat(liveViews(after, "live1m")).extracting(MetricWindow::count).containsExactly(2L);
        assertThat(liveViews(after, "live5m")).extracting(MetricWindow::count).containsExactly(2L);
    }

    private static List<MetricWindow> liveViews(MockProcessorContext<Object, Object> context, String resolution) {
        return context.forwarded("metrics").stream().map(f -> (MetricWindow) f.record().value())
                .filter(w -> w.resolution().equals(resolution)).toList();
    }

    private static void punctuateAll(MockProcessorContext<Object, Object> context, Instant wallClock) {
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(wallClock.toEpochMilli()));
    }

    private MockProcessorContext<Object, Object> context(Instant wallClock) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        context.setRecordMetadata(Topics.SAMPLES.name(), 0, 0);
        return context;
    }

    private static WindowProcessor started(MockProcessorContext<Object, Object> context) {
        WindowProcessor processor = new WindowProcessor("windows", Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(5), List.of("metrics"), "dlq");
        processor.init(context);
        return processor;
    }

    private static Record<String, ValidSample> sample(Instant ts) {
        Sample sample = Sample.probe("collector-1", "gateway", ts, true, 5.0, 200, null);
        Record<byte[], byte[]> source = new Record<>("gateway".getBytes(StandardCharsets.UTF_8), Json.encode(sample),
                ts.toEpochMilli());
        return new Record<>("gateway", new ValidSample(sample, source), ts.toEpochMilli());
    }
}
