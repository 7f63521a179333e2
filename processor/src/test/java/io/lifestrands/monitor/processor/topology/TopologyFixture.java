package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The production topology, settings and serdes in a TopologyTestDriver whose wall clock starts at {@link #T0}. */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration GRACE = ProcessorSettings.DEFAULT_WINDOW_GRACE;

    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> samples;
    final TestOutputTopic<String, MetricWindow> metrics;
    final TestOutputTopic<String, StatusChange> status;
    final TestOutputTopic<byte[], byte[]> dlq;
    private final List<TestRecord<String, MetricWindow>> received = new ArrayList<>();
    private long elapsedMs;

    TopologyFixture(Path stateDir) {
        this(settings(stateDir));
    }

    /** The production defaults, with stores in memory under their changelogs. */
    static ProcessorSettings settings(Path stateDir) {
        // the driver checkpoints after every record: with RocksDB that is a flush to disk each time
        return ProcessorSettings.defaults("unused:9092").withApplication("topology-test", stateDir)
                .withInMemoryStores(true);
    }

    TopologyFixture(ProcessorSettings settings) {
        driver = new TopologyTestDriver(MonitorTopology.build(settings), settings.toProperties(), T0);
        samples = driver.createInputTopic(Topics.SAMPLES.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        metrics = driver.createOutputTopic(Topics.METRICS.name(), Topics.METRICS.keySerde().deserializer(),
                Topics.METRICS.valueSerde().deserializer());
        status = driver.createOutputTopic(Topics.STATUS.name(), Topics.STATUS.keySerde().deserializer(),
                Topics.STATUS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Topics.DLQ.keySerde().deserializer(),
                Topics.DLQ.valueSerde().deserializer());
    }

    /** A collector's probe: its latency is {@code probe_latency_ms}. */
    static Sample probe(String service, Instant ts, boolean up, Double latencyMs) {
        return Sample.probe("collector-1", service, ts, up, latencyMs, up ? 200 : null, up ? null : "timeout");
    }

    /** A request the service pushed: its latency is the traffic's {@code latency_ms}. */
    static Sample request(String service, Instant ts, boolean up, Double latencyMs) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "app-1", service, ts, up, latencyMs, up ? 200 : 500,
                null, Map.of(), Map.of());
    }

    /** Pipes a sample keyed by its service, with the producer timestamp = its ts. */
    void pipe(Sample sample) {
        samples.pipeInput(bytes(sample.service()), Json.encode(sample), sample.ts());
    }

    void pipeRaw(String key, String value, Instant producedAt) {
        samples.pipeInput(bytes(key), value == null ? null : bytes(value), producedAt);
    }

    /** Moves the wall clock to {@code T0 + offset} (forwards only), running due punctuations. */
    void wallClockAt(Duration offset) {
        long target = T0.plus(offset).toEpochMilli();
        long now = T0.toEpochMilli() + elapsedMs;
        if (target > now) {
            driver.advanceWallClockTime(Duration.ofMillis(target - now));
            elapsedMs += target - now;
        }
    }

    Instant wallClock() {
        return T0.plusMillis(elapsedMs);
    }

    Map<String, MetricWindow> metricsByKey() {
        return metrics.readKeyValuesToMap();
    }

    /** Every metrics record so far (reads the topic into a buffer that keeps them for later calls). */
    List<TestRecord<String, MetricWindow>> received() {
        received.addAll(metrics.readRecordsToList());
        return List.copyOf(received);
    }

    /** The windows of one resolution received so far, in order. */
    List<MetricWindow> windows(String resolution) {
        return received().stream().map(TestRecord::value).filter(w -> w.resolution().equals(resolution)).toList();
    }

    /** The latest window per key of one resolution received so far. */
    Map<String, MetricWindow> latest(String resolution) {
        Map<String, MetricWindow> latest = new LinkedHashMap<>();
        windows(resolution).forEach(w -> latest.put(w.key(), w));
        return latest;
    }

    long counter(String name) {
        return ProcessorMetrics.total(driver.metrics(), name);
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
