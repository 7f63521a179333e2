package io.lifestrands.monitor.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The sketch operations on the per-record and per-window paths: insert, merge, encode, decode. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SketchBench {

    private double[] values;
    private int next;
    private DDSketch insertInto;
    private DDSketch minute;
    private byte[] encoded;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        values = new double[4096];
        for (int i = 0; i < values.length; i++) {
            values[i] = SampleFactory.latencyMs(random, 40);
        }
        insertInto = SketchCodec.newSketch();
        // a realistic one-minute window: 600 heavy-tailed latencies
        minute = SketchCodec.newSketch();
        for (int i = 0; i < 600; i++) {
            minute.accept(values[i]);
        }
        encoded = SketchCodec.encode(minute);
    }

    @Benchmark
    public DDSketch insert() {
        insertInto.accept(values[next++ & 4095]);
        return insertInto;
    }

    @Benchmark
    public DDSketch mergeMinuteIntoEmpty() {
        return SketchCodec.mergeInto(SketchCodec.newSketch(), minute);
    }

    @Benchmark
    public byte[] encodeMinute() {
        return SketchCodec.encode(minute);
    }

    @Benchmark
    public DDSketch decodeMinute() {
        return SketchCodec.decode(encoded);
    }

    @Benchmark
    public byte[] decodeInsertEncode() {
        // what the processor does per observation while the open window lives in the store as bytes
        DDSketch sketch = SketchCodec.decode(encoded);
        sketch.accept(values[next++ & 4095]);
        return SketchCodec.encode(sketch);
    }
}
