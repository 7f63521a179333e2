package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.chaos.GroundTruth.Expected;
import io.lifestrands.monitor.chaos.GroundTruth.WindowId;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the processor committed ({@code read_committed}) for one run's services and compares it with the
 * ground truth: every expected one-minute {@code probe_latency_ms} window exactly once with exact count, errors, sum, min
 * and max; dead letters of the run's services are counted too (a valid sample there was dropped as late), those
 * with reason {@code late} per window of the dead-lettered sample, so that a run with late samples (QUALITY R3) can
 * be balanced: per window, count in the final window + samples dead-lettered as late for it = produced.
 */
public final class Verifier {

    private static final String METRIC = Names.PROBE_LATENCY_MS;
    private static final String RESOLUTION = "1m";
    /** The processor's {@code WindowProcessor.LATE_REASON}. */
    static final String LATE_REASON = "late";

    private final String bootstrapServers;
    private final String runId;
    private final Clock clock;

    public Verifier(String bootstrapServers, String runId, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.runId = runId;
        this.clock = clock;
    }

    /**
     * Polls until every expected window has arrived and every produced sample is in a window or dead-lettered, or
     * {@code deadline} passes, then for {@code settle} more to catch a second emission of any window.
     */
    public Verdict verify(GroundTruth truth, Instant deadline, Duration settle) {
        Map<WindowId, Expected> expected = truth.windows();
        Map<WindowId, List<MetricWindow>> received = new HashMap<>();
        Map<WindowId, Expected> late = new HashMap<>();
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
                    if (ours(record.key())) {
                        deadLetters++;
                        if (LATE_REASON.equals(reason(record))) {
                            Sample sample = Topics.SAMPLES.valueSerde().deserializer()
                                    .deserialize(record.topic(), record.value());
                            late.merge(window(sample), Expected.of(sample), Expected::plus);
                        }
                    }
                }
                if (settleUntil == null && ((received.keySet().containsAll(expected.keySet())
                        && firstCounts(received) + deadLetters >= truth.samples())
                        || clock.instant().isAfter(deadline))) {
                    settleUntil = clock.instant().plus(settle);
                }
            }
        }
        return Verdict.of(truth.samples(), truth.delayed(), expected, received, deadLetters, late);
    }

    private static long firstCounts(Map<WindowId, List<MetricWindow>> received) {
        return received.values().stream().mapToLong(got -> got.get(0).count()).sum();
    }

    private static WindowId window(Sample sample) {
        long start = Math.floorDiv(sample.ts().toEpochMilli(), GroundTruth.WINDOW_MS) * GroundTruth.WINDOW_MS;
        return new WindowId(sample.service(), start);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Topics.DLQ_REASON);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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

    /**
     * The comparison; {@link #exact()} is the pass condition of QUALITY R1/R2, {@link #balanced()} the one of R3.
     *
     * @param delayed    samples the generator held back (sent later with their original event time)
     * @param late       dead letters with reason {@code late}
     * @param unbalanced windows (expected or only dead-lettered) where count in the window + late samples of it differs
     *                   from the samples produced for it, in count, errors or sum
     * @param shortOfLate the same without the late term: windows whose count, errors or sum differ from what was
     *                   produced (what the check would see if it ignored the dead letters)
     */
    public record Verdict(long samples, long counted, int expectedWindows, int missing, int duplicates, int wrong,
                          long deadLetters, long delayed, long late, int unbalanced, int shortOfLate,
                          List<String> examples) {

        static Verdict of(long samples, long delayed, Map<WindowId, Expected> expected,
                          Map<WindowId, List<MetricWindow>> received, long deadLetters, Map<WindowId, Expected> late) {
            long counted = 0;
            int missing = 0;
            int duplicates = 0;
            int wrong = 0;
            int unbalanced = 0;
            int shortOfLate = 0;
            List<String> examples = new ArrayList<>();
            for (Map.Entry<WindowId, Expected> entry : expected.entrySet()) {
                List<MetricWindow> got = received.getOrDefault(entry.getKey(), List.of());
                Expected included = got.isEmpty() ? Expected.NONE : Expected.of(got.get(0));
                Expected dropped = late.getOrDefault(entry.getKey(), Expected.NONE);
                if (!included.plus(dropped).sameTotals(entry.getValue())) {
                    unbalanced++;
                    example(examples, "unbalanced " + entry.getKey() + ": produced " + entry.getValue()
                            + ", in the window " + included + ", late " + dropped);
                }
                if (!included.sameTotals(entry.getValue())) {
                    shortOfLate++;
                }
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
            int lateElsewhere = (int) late.keySet().stream().filter(id -> !expected.containsKey(id)).count();
            if (lateElsewhere > 0) {
                example(examples, lateElsewhere + " windows with late samples nobody produced");
            }
            long lateCount = late.values().stream().mapToLong(Expected::count).sum();
            return new Verdict(samples, counted, expected.size(), missing, duplicates, wrong + unexpected, deadLetters,
                    delayed, lateCount, unbalanced + lateElsewhere, shortOfLate, List.copyOf(examples));
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

        /**
         * QUALITY R3: per window, the final window + the samples dead-lettered as late for it = what was produced
         * (count, errors, sum), no window emitted twice and no dead letter for another reason.
         */
        public boolean balanced() {
            return unbalanced == 0 && duplicates == 0 && deadLetters == late;
        }

        @Override
        public String toString() {
            // counted + deadLetters == samples: nothing lost, what is not in a window was dead-lettered (e.g. late)
            return "samples=" + samples + " counted=" + counted + " windows=" + expectedWindows + " missing="
                    + missing + " duplicates=" + duplicates + " wrong=" + wrong + " deadLetters=" + deadLetters
                    + (delayed == 0 && late == 0 ? "" : " delayed=" + delayed + " late=" + late + " unbalanced="
                    + unbalanced + " shortOfLate=" + shortOfLate)
                    + (examples.isEmpty() ? "" : " e.g. " + examples);
        }
    }
}
