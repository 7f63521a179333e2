package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.processor.window.WindowProcessor;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * P8: the processor holding 10,000 open series-windows (services × latency and three readings): heap it adds after
 * a full GC, and the bytes per series-window in its open-windows store (key + value, as in the changelog).
 */
final class ProcessorMemory {

    static final int SERIES_PER_SERVICE = 4;

    private ProcessorMemory() {
    }

    /**
     * @param series           open series-windows to create (a multiple of 4)
     * @param samplesPerSeries samples per service, all in the current minute
     */
    static Results run(int series, int samplesPerSeries, Duration timeout) throws Exception {
        int services = Math.max(1, series / SERIES_PER_SERVICE);
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            SampleFactory factory = new SampleFactory(11, 1);
            Instant ts = Instant.now();
            int records = services * samplesPerSeries;
            broker.fill(records, i -> factory.withReadings("svc-" + (i % services), ts));
            long heapBefore = heapAfterGc();

            String appId = "bench-memory-" + UUID.randomUUID();
            Path stateDir = Files.createTempDirectory("bench-memory-state");
            ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                    .withApplication(appId, stateDir)
                    .withWindowGrace(Duration.ofMinutes(30));
            try (KafkaStreams streams = new KafkaStreams(MonitorTopology.build(settings), settings.toProperties())) {
                streams.start();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (broker.committed(appId, Topics.SAMPLES.name()) < records) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("processor did not commit " + records + " within " + timeout);
                    }
                    Thread.sleep(100);
                }
                long heapAfter = heapAfterGc();
                long[] store = storeSize(streams);
                long windows = store[0];
                return Results.of("p8-processor-memory")
                        .put("services", services)
                        .put("records", records)
                        .put("series_windows", windows)
                        .put("heap_used_before_mb", heapBefore / 1e6)
                        .put("heap_used_with_processor_mb", heapAfter / 1e6)
                        .put("processor_heap_mb", (heapAfter - heapBefore) / 1e6)
                        .put("state_bytes_per_series_window", windows == 0 ? 0.0 : (double) store[1] / windows)
                        .put("state_dir_mb", directoryBytes(stateDir) / 1e6)
                        .put("target_heap_mb", 512)
                        .put("target_state_bytes_per_series_window", 2048);
            } finally {
                deleteQuietly(stateDir);
            }
        }
    }

    /** [entries, key + value bytes] of the open-windows store, without the closing watermark. */
    private static long[] storeSize(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                WindowProcessor.STORE, QueryableStoreTypes.keyValueStore()));
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (entry.key.startsWith("~")) {
                    continue;
                }
                entries++;
                bytes += entry.key.getBytes(StandardCharsets.UTF_8).length + entry.value.length;
            }
        }
        return new long[]{entries, bytes};
    }

    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind costs nothing but disk
        }
    }
}
