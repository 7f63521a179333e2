package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Sample JSON through the one mapper: decode (every record in the processor) and encode (the collector). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SampleJsonBench {

    private Sample probe;
    private byte[] probeBytes;
    private byte[] requestBytes;

    @Setup
    public void setUp() {
        SampleFactory factory = new SampleFactory(9, 5);
        Instant ts = Instant.parse("2026-01-01T00:00:00Z");
        probe = factory.withReadings("model_service", ts);
        probeBytes = Json.encode(probe);
        requestBytes = Json.encode(factory.pushed(ts));
    }

    @Benchmark
    public Sample decodeProbeWithReadings() {
        return Json.decode(probeBytes, Sample.class);
    }

    @Benchmark
    public Sample decodeRequest() {
        return Json.decode(requestBytes, Sample.class);
    }

    @Benchmark
    public byte[] encodeProbeWithReadings() {
        return Json.encode(probe);
    }
}
