package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * P1: the processor (exactly-once) reading a pre-filled {@code monitor.samples.v1}, against a plain consumer reading
 * the same records from the same broker. Both rates count records per second from the first to the last record.
 */
final class ProcessorThroughput {

    private ProcessorThroughput() {
    }

    /**
     * @param records  samples to pre-fill
     * @param services distinct service ids among them
     * @param timeout  bound of each reading phase
     */
    static Results run(int records, int services, Duration timeout) throws Exception {
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            SampleFactory factory = new SampleFactory(7, services);
            Instant start = Instant.now();
            long bytes = broker.fill(records, i -> factory.next(start.plusMillis(i / 100)));
            long total = broker.endOffsets(Topics.SAMPLES.name());

            double consumerRate = plainConsumer(broker, total, timeout);
            Phase processor = processor(broker, total, timeout);

            return Results.of("p1-processor-throughput")
                    .put("records", total)
                    .put("services", services)
                    .put("avg_record_bytes", (double) bytes / records)
                    .put("plain_consumer_records_per_s", consumerRate)
                    .put("processor_records_per_s", processor.rate())
                    .put("processor_records_done", processor.done())
                    .put("processor_startup_s", processor.startupSeconds())
                    .put("ratio", processor.rate() / consumerRate)
                    .put("target_ratio", 0.35);
        }
    }

    /** Reads every record once with a fresh group; records per second from first to last poll. */
    static double plainConsumer(Broker broker, long total, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long read = 0;
        long first = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAMPLES.name()));
            while (read < total && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (read == 0 && !batch.isEmpty()) {
                    first = System.nanoTime();
                }
                read += batch.count();
            }
        }
        if (read < total) {
            throw new IllegalStateException("plain consumer read " + read + " of " + total + " within " + timeout);
        }
        return read / seconds(System.nanoTime() - first);
    }

    /** The outcome of one processor run: steady rate, records committed, time to the first commit. */
    record Phase(double rate, long done, double startupSeconds) {
    }

    /**
     * Starts the production processor with a fresh application id and follows its committed offsets: the rate counts
     * from the first commit to the commit of the last record, so start-up and rebalance are reported apart.
     */
    static Phase processor(Broker broker, long total, Duration timeout) throws Exception {
        String appId = "bench-processor-" + UUID.randomUUID();
        Path stateDir = Files.createTempDirectory("bench-processor-state");
        ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                .withApplication(appId, stateDir)
                // no window may close while the backlog is read: every record takes the aggregate path
                .withWindowGrace(Duration.ofMinutes(30));
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long firstAt = 0;
        long firstDone = 0;
        long done = 0;
        try (MonitorProcessor processor = MonitorProcessor.start(settings)) {
            while (done < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
                done = broker.committed(appId, Topics.SAMPLES.name());
                if (firstAt == 0 && done > 0) {
                    firstAt = System.nanoTime();
                    firstDone = done;
                }
            }
        }
        if (done < total) {
            throw new IllegalStateException("processor committed " + done + " of " + total + " within " + timeout);
        }
        long end = System.nanoTime();
        double rate = firstDone == total ? total / seconds(end - started) : (done - firstDone) / seconds(end - firstAt);
        return new Phase(rate, done, seconds(firstAt - started));
    }

    static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }
}
