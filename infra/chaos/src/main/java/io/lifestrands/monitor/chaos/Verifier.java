package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.chaos.GroundTruth.Expected;
import io.lifestrands.monitor.chaos.GroundTruth.WindowId;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the processor committed ({@code read_committed}) for one run's services and compares it with the
 * ground truth: every expected one-minute {@code latency_ms} window exactly once with exact count, errors, sum, min
 * and max; dead letters of the run's services are counted too (a valid sample there was dropped as late).
 */
public final class Verifier {

    private static final String METRIC = "latency_ms";
    private static final String RESOLUTION = "1m";

    private final String bootstrapServers;
    private final String runId;
    private final Clock clock;

    public Verifier(String bootstrapServers, String runId, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.runId = runId;
        this.clock = clock;
    }

    /**
     * Polls until every expected window has arrived or {@code deadline} passes, then for {@code settle} more to catch
     * a second emission of any window.
     */
    public Verdict verify(GroundTruth truth, Instant deadline, Duration settle) {
        Map<WindowId, Expected> expected = truth.windows();
        Map<WindowId, List<MetricWindow>> received = new HashMap<>();
        long deadLetters = 0;
        try (KafkaConsumer<String, byte[]> metrics = consumer(Topics.METRICS);
             KafkaConsumer<String, byte[]> dlq = consumer(Topics.DLQ)) {
            Instant settleUntil = null;
            while (settleUntil == null || clock.instant().isBefore(settleUntil)) {
                for (ConsumerRecord<String, byte[]> record : metrics.poll(Duration.ofMillis(500))) {
                    if (ours(record.key())) {
                        MetricWindow window = Topics.METRICS.valueSerde().deserializer()
                                .deserialize(record.topic(), record.value());
                        if (METRIC.equals(window.metric()) && RESOLUTION.equals(window.resolution())) {
                            received.computeIfAbsent(new WindowId(window.service(),
                                    window.windowStart().toEpochMilli()), id -> new ArrayList<>()).add(window);
                        }
                    }
                }
                for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ZERO)) {
                    deadLetters += ours(record.key()) ? 1 : 0;
                }
                if (settleUntil == null && (received.keySet().containsAll(expected.keySet())
                        || clock.instant().isAfter(deadline))) {
                    settleUntil = clock.instant().plus(settle);
                }
            }
        }
        return Verdict.of(truth.samples(), expected, received, deadLetters);
    }

    private boolean ours(String key) {
        return key != null && key.startsWith(runId + "-");
    }

    private KafkaConsumer<String, byte[]> consumer(TopicSpec<?, ?> topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // an aborted attempt of a killed instance must not look like a second window
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The comparison; {@link #exact()} is the pass condition of QUALITY R1/R2. */
    public record Verdict(long samples, long counted, int expectedWindows, int missing, int duplicates, int wrong,
                          long deadLetters, List<String> examples) {

        static Verdict of(long samples, Map<WindowId, Expected> expected, Map<WindowId, List<MetricWindow>> received,
                          long deadLetters) {
            long counted = 0;
            int missing = 0;
            int duplicates = 0;
            int wrong = 0;
            List<String> examples = new ArrayList<>();
            for (Map.Entry<WindowId, Expected> entry : expected.entrySet()) {
                List<MetricWindow> got = received.getOrDefault(entry.getKey(), List.of());
                if (got.isEmpty()) {
                    missing++;
                    example(examples, "missing " + entry.getKey());
                    continue;
                }
                duplicates += got.size() - 1;
                counted += got.get(0).count();
                for (MetricWindow window : got) {
                    if (!matches(entry.getValue(), window)) {
                        wrong++;
                        example(examples, "expected " + entry.getValue() + " got count=" + window.count()
                                + " errors=" + window.errors() + " sum=" + window.sum() + " min=" + window.min()
                                + " max=" + window.max() + " for " + entry.getKey());
                    }
                }
            }
            int unexpected = (int) received.keySet().stream().filter(id -> !expected.containsKey(id)).count();
            if (unexpected > 0) {
                example(examples, unexpected + " windows nobody produced samples for");
            }
            return new Verdict(samples, counted, expected.size(), missing, duplicates, wrong + unexpected, deadLetters,
                    List.copyOf(examples));
        }

        private static boolean matches(Expected expected, MetricWindow window) {
            return window.count() == expected.count() && window.errors() == expected.errors()
                    && window.sum() == expected.sum() && window.min() == expected.min()
                    && window.max() == expected.max();
        }

        private static void example(List<String> examples, String text) {
            if (examples.size() < 10) {
                examples.add(text);
            }
        }

        /** 0 missing, 0 duplicate, 0 wrong windows and no valid sample dead-lettered. */
        public boolean exact() {
            return missing == 0 && duplicates == 0 && wrong == 0 && deadLetters == 0;
        }

        @Override
        public String toString() {
            // counted + deadLetters == samples: nothing lost, what is not in a window was dead-lettered (e.g. late)
            return "samples=" + samples + " counted=" + counted + " windows=" + expectedWindows + " missing="
                    + missing + " duplicates=" + duplicates + " wrong=" + wrong + " deadLetters=" + deadLetters
                    + (examples.isEmpty() ? "" : " e.g. " + examples);
        }
    }
}
