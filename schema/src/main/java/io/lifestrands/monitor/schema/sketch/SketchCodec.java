package io.lifestrands.monitor.schema.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

import java.io.IOException;
import java.util.Base64;

/**
 * The system's one DDSketch configuration and its wire form, so any two sketches merge exactly.
 *
 * <p>Relative accuracy 1 %, logarithmic index mapping, unbounded dense stores. The wire form is sketches-java's
 * binary encoding with the index mapping included ({@code DDSketch.encode(out, false)}), base64 in JSON.
 */
public final class SketchCodec {

    /** Relative accuracy of every quantile the system reports. */
    public static final double RELATIVE_ACCURACY = 0.01;
    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    private SketchCodec() {
    }

    /** A new empty sketch with the system configuration. */
    public static DDSketch newSketch() {
        return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory sketch encoding failed", e);
        }
        return out.trimmedCopy();
    }

    /**
     * Decodes an encoded sketch.
     *
     * @throws IllegalArgumentException when the bytes are not a sketch of the system configuration
     */
    public static DDSketch decode(byte[] bytes) {
        try {
            DDSketch sketch = DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
            if (!MAPPING.equals(sketch.getIndexMapping())) {
                throw new IllegalArgumentException("sketch uses a different index mapping than the system's 1 %");
            }
            return sketch;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("sketch is not a valid DDSketch encoding: " + e.getMessage(), e);
        }
    }

    public static String toBase64(DDSketch sketch) {
        return Base64.getEncoder().encodeToString(encode(sketch));
    }

    /** @throws IllegalArgumentException when the text is not base64 of a valid sketch */
    public static DDSketch fromBase64(String text) {
        return decode(Base64.getDecoder().decode(text));
    }

    /** Merges {@code source} into {@code target} and returns {@code target}. */
    public static DDSketch mergeInto(DDSketch target, DDSketch source) {
        target.mergeWith(source);
        return target;
    }
}
