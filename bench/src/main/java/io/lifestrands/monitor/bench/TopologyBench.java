package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The processor's per-record path without a broker: the production topology in a {@link TopologyTestDriver}
 * (validate, window aggregate in the store, status), one sample per call, all in one open minute. The driver commits
 * after every record, flushing the stores, which a running application does once per commit interval: this is an
 * upper bound of the per-record cost, useful to compare changes of the topology with each other.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopologyBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> samples;
    private byte[][] values;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ProcessorSettings settings = ProcessorSettings.defaults("localhost:9092")
                .withApplication("bench-topology", Files.createTempDirectory("bench-topology"))
                .withWindowGrace(Duration.ofHours(1));
        driver = new TopologyTestDriver(MonitorTopology.build(settings), settings.toProperties(), T0);
        samples = driver.createInputTopic(Topics.SAMPLES.name(), new StringSerializer(), new ByteArraySerializer(),
                T0, Duration.ZERO);
        SampleFactory factory = new SampleFactory(13, 5);
        values = new byte[1024][];
        keys = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            var sample = factory.next(T0.plusMillis(i));
            values[i] = Json.encode(sample);
            keys[i] = sample.service();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
    }

    @Benchmark
    public void processSample() {
        int i = next++ & 1023;
        samples.pipeInput(keys[i], values[i], T0.plusMillis(i));
    }
}
