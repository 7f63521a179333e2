package io.lifestrands.monitor.processor.window;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * The running aggregate of one open window: count, errors, sum, min, max and a DDSketch of every value. Mutable,
 * so it never leaves the window package; it crosses into the store as {@link #encode()} bytes.
 */
final class OpenWindow {

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 2 * Long.BYTES + 3 * Double.BYTES;

    private long count;
    private long errors;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final DDSketch sketch;

    private OpenWindow(DDSketch sketch) {
        this.sketch = sketch;
    }

    static OpenWindow empty() {
        return new OpenWindow(SketchCodec.newSketch());
    }

    /** @throws IllegalArgumentException when the bytes are not an encoded open window */
    static OpenWindow decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not an encoded open window of format " + FORMAT);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long count = in.getLong();
        long errors = in.getLong();
        double sum = in.getDouble();
        double min = in.getDouble();
        double max = in.getDouble();
        byte[] sketchBytes = new byte[in.remaining()];
        in.get(sketchBytes);
        OpenWindow window = new OpenWindow(SketchCodec.decode(sketchBytes));
        window.count = count;
        window.errors = errors;
        window.sum = sum;
        window.min = min;
        window.max = max;
        return window;
    }

    void add(double value, boolean error) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observation must be a finite number, was " + value);
        }
        count++;
        errors += error ? 1 : 0;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sketch.accept(value);
    }

    byte[] encode() {
        byte[] sketchBytes = SketchCodec.encode(sketch);
        return ByteBuffer.allocate(HEADER + sketchBytes.length)
                .put(FORMAT)
                .putLong(count)
                .putLong(errors)
                .putDouble(sum)
                .putDouble(min)
                .putDouble(max)
                .put(sketchBytes)
                .array();
    }

    /** The final aggregate of this window; {@code count} must be > 0, which every stored window satisfies. */
    MetricWindow close(WindowKey key, Duration size, String resolution) {
        Instant start = Instant.ofEpochMilli(key.startMs());
        double minutes = size.toMillis() / 60_000.0;
        return new MetricWindow(MetricWindow.VERSION, key.service(), key.metric(), resolution, start,
                start.plus(size), count, errors, sum, min, max, sum / count, quantile(0.50), quantile(0.95),
                quantile(0.99), count / minutes, (double) errors / count, SketchCodec.toBase64(sketch), null);
    }

    /** Within the sketch's 1 % relative accuracy, and never outside the exact min and max. */
    private double quantile(double q) {
        return Math.max(min, Math.min(max, sketch.getValueAtQuantile(q)));
    }
}
