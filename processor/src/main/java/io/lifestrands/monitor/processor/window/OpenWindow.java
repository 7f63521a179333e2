package io.lifestrands.monitor.processor.window;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Units;
import io.lifestrands.monitor.schema.sketch.HistogramSketch;
import io.lifestrands.monitor.schema.sketch.SketchCodec;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * The running aggregate of one open window: count, errors (and how many of them were timeouts), sum, min, max, the
 * value with the latest event time and a DDSketch of every value. Mutable, so it never leaves the window package;
 * it crosses into the store as {@link #encode()} bytes.
 *
 * <p>{@code count} counts observations; for business events an observation may carry no value, so sum, min, max,
 * mean and percentiles are over the values only, and 0 when there are none.
 *
 * <p>Up to {@value #RAW_LIMIT} values are kept as they are and sketched only when the window is encoded or closed:
 * a sparse pane or gauge window then costs a few doubles of heap, not a dense sketch array spanning its range
 * (QUALITY P8). A sketch built from the same values in any order is the same sketch, so nothing changes for readers.
 *
 * <p>A window with timeouts is encoded in the formats {@value #FORMAT_TIMED} and {@value #FORMAT_RAW_TIMED} (the
 * count after the header); one without keeps the formats {@value #FORMAT} and {@value #FORMAT_RAW}, so the stores of
 * windows without timeouts hold the same bytes as before timeouts were counted.
 *
 * <p>Histogram samples ({@link #addHistogram}) go straight into the sketch. A window whose histograms named a unit,
 * or whose percentiles have a coarser accuracy than the sketch's, is encoded in format {@value #FORMAT_HISTOGRAM}:
 * the timed header, the accuracy (NaN when the sketch's own), the unit (a length, -1 for none, and UTF-8 bytes),
 * then the sketch; every other window keeps its former bytes.
 */
final class OpenWindow {

    static final int RAW_LIMIT = 32;
    private static final byte FORMAT = 2;
    /** Like {@link #FORMAT} but followed by the raw values instead of a sketch: no sketch to build or encode. */
    private static final byte FORMAT_RAW = 3;
    /** {@link #FORMAT} with the timeout count after the header. */
    private static final byte FORMAT_TIMED = 4;
    /** {@link #FORMAT_RAW} with the timeout count after the header. */
    private static final byte FORMAT_RAW_TIMED = 5;
    /** {@link #FORMAT_TIMED} followed by the relative accuracy and the unit. */
    private static final byte FORMAT_HISTOGRAM = 6;
    private static final int HEADER = 1 + 3 * Long.BYTES + 4 * Double.BYTES;

    private long count;
    private long errors;
    private long timeouts;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long lastTsMs = Long.MIN_VALUE;
    private double last;
    /** Values not yet sketched; null once {@link #sketch} holds them. */
    private double[] raw;
    private int rawCount;
    private DDSketch sketch;
    /** Unit of the values when histograms named one; null for the metric's own. */
    private String unit;
    /** Accuracy of the percentiles when coarser than the sketch's (NaN). */
    private double relativeAccuracy = Double.NaN;

    private OpenWindow(DDSketch sketch) {
        this.sketch = sketch;
    }

    static OpenWindow empty() {
        return new OpenWindow(null);
    }


    /** @throws IllegalArgumentException when the bytes are not an encoded open window */
    static OpenWindow decode(byte[] bytes) {
        byte format = bytes == null || bytes.length < HEADER ? 0 : bytes[0];
        boolean timed = format == FORMAT_TIMED || format == FORMAT_RAW_TIMED || format == FORMAT_HISTOGRAM;
        if (format < FORMAT || format > FORMAT_HISTOGRAM || timed && bytes.length < HEADER + Long.BYTES) {
            throw new IllegalArgumentException("not an encoded open window of format " + FORMAT + " to "
                    + FORMAT_HISTOGRAM);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        OpenWindow window = new OpenWindow(null);
        window.count = in.getLong();
        window.errors = in.getLong();
        window.sum = in.getDouble();
        window.min = in.getDouble();
        window.max = in.getDouble();
        window.lastTsMs = in.getLong();
        window.last = in.getDouble();
        window.timeouts = timed ? in.getLong() : 0;
        if (format == FORMAT_HISTOGRAM) {
            window.relativeAccuracy = in.getDouble();
            short unitBytes = in.getShort();
            if (unitBytes >= 0) {
                byte[] text = new byte[unitBytes];
                in.get(text);
                window.unit = new String(text, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (format == FORMAT_RAW || format == FORMAT_RAW_TIMED) {
            if (in.remaining() % Double.BYTES != 0 || in.remaining() / Double.BYTES > RAW_LIMIT) {
                throw new IllegalArgumentException("raw open window must hold at most " + RAW_LIMIT + " values");
            }
            window.raw = new double[in.remaining() / Double.BYTES];
            while (in.hasRemaining()) {
                window.raw[window.rawCount++] = in.getDouble();
            }
            return window;
        }
        byte[] sketchBytes = new byte[in.remaining()];
        in.get(sketchBytes);
        window.sketch = SketchCodec.decode(sketchBytes);
        return window;
    }

    /** Adds one observation with a value that is no timeout; {@code tsMs} is its event time, for {@code last}. */
    void add(double value, boolean error, long tsMs) {
        add(value, error, false, tsMs);
    }

    /** Adds one observation with a value; a timeout is an error too. */
    void add(double value, boolean error, boolean timeout, long tsMs) {
        requireFinite(value);
        requireUnit(null);
        addObservation(value, error, timeout, tsMs);
    }

    /**
     * Adds one observation in the unit of {@code metric}'s name (a request's {@code latency_ms}); a window that holds
     * a histogram's unit (seconds) takes the value converted into that unit ({@link Units#factor}), so a service
     * that reports through OpenTelemetry and pushes requests too keeps one series.
     *
     * @throws IllegalArgumentException before any change when the window's unit does not convert to the metric's
     */
    void add(double value, boolean error, boolean timeout, long tsMs, String metric) {
        requireFinite(value);
        double converted = hasValues() && unit != null ? value / factor(unit, metric) : value;
        addObservation(converted, error, timeout, tsMs);
    }

    private void addObservation(double value, boolean error, boolean timeout, long tsMs) {
        count++;
        errors += error || timeout ? 1 : 0;
        timeouts += timeout ? 1 : 0;
        addValue(value, tsMs);
    }

    /**
     * Adds every observation of {@code histogram} (errors when {@code error}); its {@code last} is the histogram's
     * mean. Exponential buckets of scale >= 6 go into the sketch's bins exactly ({@link HistogramSketch}).
     *
     * @throws IllegalArgumentException before any change when the window holds values of another unit or a legacy
     *                                  sketch
     */
    void addHistogram(Histogram histogram, boolean error, long tsMs) {
        requireAccepts(histogram);
        addAccepted(histogram, error, tsMs);
    }

    /**
     * Like {@link #addHistogram(Histogram, boolean, long)}, but a window that holds only raw values of another unit
     * of {@code metric} (requests pushed in milliseconds before the first histogram in seconds) is converted into the
     * histogram's unit first: raw values convert exactly as far as a double multiplication goes, a sketch would not.
     *
     * @throws IllegalArgumentException before any change when the window cannot take the histogram
     */
    void addHistogram(Histogram histogram, boolean error, long tsMs, String metric) {
        requireAccepts(histogram, metric);
        if (histogram.count() > 0 && hasValues() && !java.util.Objects.equals(unit, histogram.unit())) {
            rescale(factor(unit, metric) / factor(histogram.unit(), metric));
        }
        addAccepted(histogram, error, tsMs);
    }

    /** @throws IllegalArgumentException when {@link #addHistogram(Histogram, boolean, long, String)} would refuse */
    void requireAccepts(Histogram histogram, String metric) {
        if (hasValues() && !java.util.Objects.equals(unit, histogram.unit())) {
            if (sketch != null) {
                requireUnit(histogram.unit());
            }
            factor(unit, metric);
            factor(histogram.unit(), metric);
        }
        if (sketch != null && SketchCodec.isLegacy(sketch)) {
            throw new IllegalArgumentException("a window of legacy 1 % sketches takes no histogram");
        }
    }

    private void addAccepted(Histogram histogram, boolean error, long tsMs) {
        if (histogram.count() == 0) {
            return;
        }
        HistogramSketch.Placement placement = HistogramSketch.addTo(materialize(), histogram);
        unit = histogram.unit();
        relativeAccuracy = coarser(relativeAccuracy, placement.relativeAccuracy());
        count += histogram.count();
        errors += error ? histogram.count() : 0;
        sum += histogram.sum();
        min = Math.min(min, placement.min());
        max = Math.max(max, placement.max());
        if (tsMs >= lastTsMs) {
            lastTsMs = tsMs;
            last = histogram.sum() / histogram.count();
        }
    }

    /** @throws IllegalArgumentException when {@link #addHistogram} would refuse {@code histogram} */
    void requireAccepts(Histogram histogram) {
        requireUnit(histogram.unit());
        if (sketch != null && SketchCodec.isLegacy(sketch)) {
            throw new IllegalArgumentException("a window of legacy 1 % sketches takes no histogram");
        }
    }

    private void requireUnit(String other) {
        if (hasValues() && !java.util.Objects.equals(unit, other)) {
            throw new IllegalArgumentException("series holds values in unit " + (unit == null ? "(own)" : unit)
                    + ", not " + (other == null ? "(own)" : other));
        }
    }

    private static double coarser(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** Adds one observation that may have no value (a business event without a duration). */
    void addEvent(Double value, long tsMs) {
        if (value != null) {
            requireFinite(value);
        }
        count++;
        if (value != null) {
            addValue(value, tsMs);
        }
    }

    /**
     * Adds everything {@code other} holds, exactly: the sketches merge without loss. Raw values join a sketch of
     * either mapping; a sketch joins only a sketch of its own mapping.
     *
     * @throws IllegalArgumentException when both hold sketches of different index mappings (one written before the
     *                                  move to scale 6, one after); nothing is changed then
     */
    void merge(OpenWindow other) {
        if (other.hasValues()) {
            requireUnit(other.unit);
        }
        mergeSameUnit(other);
    }

    /**
     * Like {@link #merge(OpenWindow)}, but windows of two units of {@code metric} merge when one of them holds only
     * raw values, which are converted into the other's unit; two sketches of different units are refused.
     */
    void merge(OpenWindow other, String metric) {
        if (!other.hasValues() || !hasValues() || java.util.Objects.equals(unit, other.unit)) {
            merge(other);
        } else if (other.sketch == null) {
            OpenWindow converted = other.copy();
            converted.rescale(factor(other.unit, metric) / factor(unit, metric));
            converted.unit = unit;
            mergeSameUnit(converted);
        } else if (sketch == null) {
            double f = factor(unit, metric) / factor(other.unit, metric);
            rescale(f);
            unit = other.unit;
            mergeSameUnit(other);
        } else {
            requireUnit(other.unit);
        }
    }

    /** The factor from {@code from} to the unit of {@code metric}'s name. */
    private static double factor(String from, String metric) {
        java.util.OptionalDouble f = Units.factor(from, metric);
        if (f.isEmpty()) {
            throw new IllegalArgumentException("unit " + (from == null ? "(own)" : from)
                    + " does not convert to the unit of " + metric);
        }
        return f.getAsDouble();
    }

    /** Multiplies every value this window holds, raw, by {@code f}; only for windows without a sketch. */
    private void rescale(double f) {
        for (int i = 0; i < rawCount; i++) {
            raw[i] *= f;
        }
        sum *= f;
        min *= f;
        max *= f;
        last *= f;
    }

    private OpenWindow copy() {
        OpenWindow out = new OpenWindow(null);
        out.count = count;
        out.errors = errors;
        out.timeouts = timeouts;
        out.sum = sum;
        out.min = min;
        out.max = max;
        out.lastTsMs = lastTsMs;
        out.last = last;
        out.raw = raw == null ? null : raw.clone();
        out.rawCount = rawCount;
        out.unit = unit;
        out.relativeAccuracy = relativeAccuracy;
        return out;
    }

    private void mergeSameUnit(OpenWindow other) {
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = sketchOfRaw(other.sketch.getIndexMapping());
                raw = null;
                rawCount = 0;
            }
            SketchCodec.mergeInto(sketch, other.sketch);
        } else {
            for (int i = 0; i < other.rawCount; i++) {
                sketchValue(other.raw[i]);
            }
        }
        if (other.hasValues()) {
            unit = other.unit;
        }
        relativeAccuracy = coarser(relativeAccuracy, other.relativeAccuracy);
        count += other.count;
        errors += other.errors;
        timeouts += other.timeouts;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.lastTsMs >= lastTsMs && other.hasValues()) {
            lastTsMs = other.lastTsMs;
            last = other.last;
        }
    }

    long count() {
        return count;
    }

    byte[] encode() {
        if (sketch == null) {
            ByteBuffer out = header(timeouts > 0 ? FORMAT_RAW_TIMED : FORMAT_RAW, rawCount * Double.BYTES);
            for (int i = 0; i < rawCount; i++) {
                out.putDouble(raw[i]);
            }
            return out.array();
        }
        byte[] sketchBytes = SketchCodec.encode(sketch);
        if (unit != null || !Double.isNaN(relativeAccuracy)) {
            byte[] unitBytes = unit == null ? new byte[0] : unit.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return header(FORMAT_HISTOGRAM, Double.BYTES + Short.BYTES + unitBytes.length + sketchBytes.length)
                    .putDouble(relativeAccuracy).putShort((short) (unit == null ? -1 : unitBytes.length))
                    .put(unitBytes).put(sketchBytes).array();
        }
        return header(timeouts > 0 ? FORMAT_TIMED : FORMAT, sketchBytes.length).put(sketchBytes).array();
    }

    private ByteBuffer header(byte format, int bodyBytes) {
        boolean timed = format == FORMAT_TIMED || format == FORMAT_RAW_TIMED || format == FORMAT_HISTOGRAM;
        ByteBuffer out = ByteBuffer.allocate(HEADER + (timed ? Long.BYTES : 0) + bodyBytes)
                .put(format)
                .putLong(count)
                .putLong(errors)
                .putDouble(sum)
                .putDouble(min)
                .putDouble(max)
                .putLong(lastTsMs)
                .putDouble(last);
        return timed ? out.putLong(timeouts) : out;
    }

    /** The final aggregate of the window {@code key}; its resolution gives the length and the label. */
    MetricWindow close(WindowKey key) {
        return toWindow(key.service(), key.metric(), key.resolution().label(), key.startMs(), key.endMs(),
                key.resolution().sizeMs());
    }

    /**
     * This aggregate as a {@link MetricWindow} over {@code [startMs, endMs)}; {@code rate_per_min} is count per
     * minute of {@code spanMs}, the nominal length (a live view's span, even while its first pane is missing).
     */
    MetricWindow toWindow(String service, String metric, String resolution, long startMs, long endMs, long spanMs) {
        boolean values = hasValues();
        DDSketch all = readableSketch();
        double valueCount = all.getCount();
        return new MetricWindow(MetricWindow.VERSION, service, metric, resolution, Instant.ofEpochMilli(startMs),
                Instant.ofEpochMilli(endMs), count, errors, sum, values ? min : 0, values ? max : 0,
                values ? sum / valueCount : 0, quantile(all, 0.50), quantile(all, 0.95), quantile(all, 0.99),
                count / (spanMs / 60_000.0), count == 0 ? 0 : (double) errors / count, SketchCodec.toBase64(all),
                values ? last : null, timeouts > 0 ? timeouts : null, values ? unit : null,
                Double.isNaN(relativeAccuracy) ? null : relativeAccuracy);
    }

    private void addValue(double value, long tsMs) {
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (tsMs >= lastTsMs) {
            lastTsMs = tsMs;
            last = value;
        }
        sketchValue(value);
    }

    private void sketchValue(double value) {
        if (sketch != null) {
            sketch.accept(value);
            return;
        }
        if (rawCount == RAW_LIMIT) {
            materialize().accept(value);
            return;
        }
        if (raw == null || rawCount == raw.length) {
            raw = Arrays.copyOf(raw == null ? new double[0] : raw, Math.min(RAW_LIMIT,
                    Math.max(4, rawCount * 2)));
        }
        raw[rawCount++] = value;
    }

    /** Moves the raw values into a sketch that this window keeps from now on. */
    private DDSketch materialize() {
        if (sketch == null) {
            sketch = sketchOfRaw();
            raw = null;
            rawCount = 0;
        }
        return sketch;
    }

    /** The sketch of every value, without keeping it when the values are still raw. */
    private DDSketch readableSketch() {
        return sketch != null ? sketch : sketchOfRaw();
    }

    private DDSketch sketchOfRaw() {
        return sketchOfRaw(SketchCodec.MAPPING);
    }

    private DDSketch sketchOfRaw(com.datadoghq.sketch.ddsketch.mapping.IndexMapping mapping) {
        DDSketch built = SketchCodec.newSketch(mapping);
        for (int i = 0; i < rawCount; i++) {
            built.accept(raw[i]);
        }
        return built;
    }

    private boolean hasValues() {
        return sketch != null ? !sketch.isEmpty() : rawCount > 0;
    }

    /** Within the sketch's relative accuracy (0.54 %, 1 % for a legacy sketch), never outside the exact min and max; 0 without values. */
    private double quantile(DDSketch all, double q) {
        if (!hasValues()) {
            return 0;
        }
        return Math.max(min, Math.min(max, all.getValueAtQuantile(q)));
    }

    private static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observation must be a finite number, was " + value);
        }
    }
}
