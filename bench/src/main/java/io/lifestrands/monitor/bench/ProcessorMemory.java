package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.processor.window.OpenWindowStore;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                // closing completes the last transaction, so its changelog records are readable read_committed
                // (the group's offsets can be visible before the changelog partitions' commit markers)
                streams.close(Duration.ofSeconds(60));
                long[] store = storeSize(broker, appId);
                long windows = store[0];
                return Results.of("p8-processor-memory")
                        .put("services", services)
                        .put("records", records)
                        .put("series_windows", windows)
                        .put("store_entries_with_panes", store[2])
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

    /**
     * [one-minute windows, key + value bytes of all open windows] as the open-windows store's changelog holds them
     * (the latest record per key, tombstones and the closing watermark left out). The store keeps its windows on the
     * heap and writes them at each commit, so after the last commit the changelog is the store's content; the bytes
     * include each series' 10 s panes of the same minute, so they are what one series-window costs in state.
     */
    private static long[] storeSize(Broker broker, String appId) {
        String changelog = appId + "-" + OpenWindowStore.NAME + "-changelog";
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(p -> new TopicPartition(changelog, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + changelog + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else if (!record.key().startsWith("~")) {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        long minutes = latest.keySet().stream().filter(key -> key.startsWith("1m|")).count();
        long bytes = latest.entrySet().stream()
                .mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length).sum();
        return new long[]{minutes, bytes, latest.size()};
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
