package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A timed harness, not a test: the per-record cost of the window step (JSON decode of the sample, then every
 * observation into its minute window and live pane, a commit flush every 1,000 records), against the same work done
 * the way a byte-caching store does it (decode, add, encode the sketch per observation). Run with
 * {@code ./mvnw -q -pl processor -am verify -Dtest=WindowCostBench -Dprocessor.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures are printed.
 */
@EnabledIfSystemProperty(named = "processor.bench", matches = "true")
class WindowCostBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int SERIES = 1_000;
    private static final int WARMUP = 300_000;
    private static final int MEASURED = 1_000_000;
    /** Records between two commits (flushes); {@code -Dprocessor.bench.flush-every}, default 1,000. */
    private static final int FLUSH_EVERY = Integer.getInteger("processor.bench.flush-every", 1_000);

    @Test
    void perRecordCost() {
        byte[][] samples = samples();
        System.out.printf("json decode:    %.0f ns/record%n", decodeOnly(samples));
        System.out.printf("heap windows:   %.0f ns/record (commit every %d records)%n", heapWindows(samples),
                FLUSH_EVERY);
        System.out.printf("bytes per obs.: %.0f ns/record%n", bytesPerObservation(samples));
    }

    /**
     * QUALITY P8: heap of 10,000 series (2,500 services x latency and 3 gauges) in steady state, after six minutes of
     * a sample every 2 s per service with windows closing and panes expiring by wall clock, and their encoded
     * (changelog) size.
     */
    @Test
    void memoryOfTenThousandSeries() {
        OpenWindowStore store = store();
        MockProcessorContext<Object, Object> context = context(store);
        WindowProcessor processor = processor(context);
        Random random = new Random(2);
        System.gc();
        long before = usedHeap();
        for (int second = 0; second < 360; second += 2) {
            long now = T0.plusSeconds(second).toEpochMilli();
            context.setCurrentSystemTimeMs(now);
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
            // the mock context keeps every forwarded record; a real one hands them to the producer
            context.resetForwards();
            for (int s = 0; s < 2_500; s++) {
                Sample sample = Sample.probe("bench-host", "svc-" + s, Instant.ofEpochMilli(now), true,
                        Math.exp(4 + random.nextGaussian()), 200, null)
                        .with(Map.of("cpu_pct", 100 * random.nextDouble(), "queue_depth",
                                (double) random.nextInt(50), "tokens_per_second", 20 + 10 * random.nextGaussian()),
                                Map.of());
                process(processor, store, Json.encode(sample), now);
            }
        }
        System.gc();
        long heap = usedHeap() - before;
        long windows = 0;
        long encoded = 0;
        for (Series series : store.series()) {
            for (Resolution resolution : Resolution.values()) {
                for (OpenWindow window : series.windows(resolution).values()) {
                    windows++;
                    encoded += window.encode().length;
                }
            }
        }
        System.out.printf("10,000 series: %d open windows and panes, heap %.1f MB (%.0f B per window),"
                + " encoded %.0f B per window%n", windows, heap / 1e6, heap / (double) windows,
                encoded / (double) windows);
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static OpenWindowStore store() {
        return new OpenWindowStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WindowProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
    }

    private static MockProcessorContext<Object, Object> context(OpenWindowStore store) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        context.setRecordMetadata(Topics.SAMPLES.name(), 0, 0);
        store.init(context.getStateStoreContext(), store);
        return context;
    }

    private static WindowProcessor processor(MockProcessorContext<Object, Object> context) {
        WindowProcessor processor = new WindowProcessor("windows", Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(5), List.of("metrics"), "dlq");
        processor.init(context);
        return processor;
    }

    private static double heapWindows(byte[][] samples) {
        OpenWindowStore store = store();
        WindowProcessor processor = processor(context(store));
        run(samples, WARMUP, bytes -> process(processor, store, bytes));
        long start = System.nanoTime();
        run(samples, MEASURED, bytes -> process(processor, store, bytes));
        return (System.nanoTime() - start) / (double) MEASURED;
    }

    private static int counter;

    private static void process(WindowProcessor processor, OpenWindowStore store, byte[] bytes) {
        process(processor, store, bytes, T0.toEpochMilli());
    }

    private static void process(WindowProcessor processor, OpenWindowStore store, byte[] bytes, long tsMs) {
        Sample sample = Json.decode(bytes, Sample.class);
        Record<byte[], byte[]> source = new Record<>(null, bytes, tsMs);
        processor.process(new Record<>(sample.service(), new ValidSample(sample, source), tsMs));
        if (++counter % FLUSH_EVERY == 0) {
            store.flushCache();
        }
    }

    private static double decodeOnly(byte[][] samples) {
        run(samples, WARMUP, bytes -> Json.decode(bytes, Sample.class));
        long start = System.nanoTime();
        run(samples, MEASURED, bytes -> Json.decode(bytes, Sample.class));
        return (System.nanoTime() - start) / (double) MEASURED;
    }

    private static double bytesPerObservation(byte[][] samples) {
        Map<String, byte[]> store = new HashMap<>();
        run(samples, WARMUP, bytes -> addAsBytes(store, bytes));
        long start = System.nanoTime();
        run(samples, MEASURED, bytes -> addAsBytes(store, bytes));
        return (System.nanoTime() - start) / (double) MEASURED;
    }

    private static void addAsBytes(Map<String, byte[]> store, byte[] bytes) {
        Sample sample = Json.decode(bytes, Sample.class);
        for (Observation observation : Observation.of(sample)) {
            for (Resolution resolution : List.of(Resolution.MINUTE, Resolution.PANE)) {
                String key = resolution.label() + sample.service() + observation.metric();
                byte[] stored = store.get(key);
                OpenWindow window = stored == null ? OpenWindow.empty() : OpenWindow.decode(stored);
                window.add(observation.value(), observation.error(), T0.toEpochMilli());
                store.put(key, window.encode());
            }
        }
    }

    private static void run(byte[][] samples, int records, java.util.function.Consumer<byte[]> step) {
        for (int i = 0; i < records; i++) {
            step.accept(samples[i % samples.length]);
        }
    }

    private static byte[][] samples() {
        Random random = new Random(1);
        byte[][] out = new byte[10_000][];
        for (int i = 0; i < out.length; i++) {
            Sample sample = Sample.probe("bench-host", "svc-" + i % SERIES, T0, true,
                    Math.exp(4 + random.nextGaussian()), 200, null)
                    .with(Map.of("cpu_pct", 100 * random.nextDouble(), "queue_depth", (double) random.nextInt(50),
                            "tokens_per_second", 20 + 10 * random.nextGaussian()), Map.of());
            out[i] = Json.encode(sample);
        }
        return out;
    }

}
