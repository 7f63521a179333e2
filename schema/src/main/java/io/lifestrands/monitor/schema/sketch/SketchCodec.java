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
 * <p>OpenTelemetry's exponential base at scale 6: gamma = 2^(1/64), index offset 0, so sketch bin {@code i} is
 * {@code [gamma^i, gamma^(i+1))} and an OTel scale-6 bucket {@code i} ({@code (gamma^i, gamma^(i+1)]}) is the same
 * bin but for its exact upper edge. Relative accuracy (gamma - 1) / (gamma + 1), about 0.54 %. Unbounded dense stores.
 * The wire form is sketches-java's binary encoding with the index mapping included
 * ({@code DDSketch.encode(out, false)}), base64 in JSON.
 *
 * <p>Sketches written before the move use the {@linkplain #LEGACY_MAPPING 1 % mapping}; they still decode, keeping
 * their mapping and accuracy. Re-binning one mapping into the other cannot be exact, so sketches of different
 * mappings are never merged: {@link #mergeInto} refuses them.
 */
public final class SketchCodec {

    /** OpenTelemetry's exponential-histogram scale whose base the system sketch uses. */
    public static final int SCALE = 6;
    /** The base of the index mapping: 2^(2^-{@value #SCALE}). */
    public static final double GAMMA = Math.pow(2, Math.scalb(1.0, -SCALE));
    /** The system's index mapping; bin {@code i} is {@code [GAMMA^i, GAMMA^(i+1))}. */
    public static final IndexMapping MAPPING = new LogarithmicMapping(GAMMA, 0);
    /** Relative accuracy of every quantile the system reports, (gamma - 1) / (gamma + 1). */
    public static final double RELATIVE_ACCURACY = MAPPING.relativeAccuracy();
    /** The 1 % mapping of sketches written before the move to scale 6; decoded, never produced. */
    public static final IndexMapping LEGACY_MAPPING = new LogarithmicMapping(0.01);

    private SketchCodec() {
    }

    /** A new empty sketch with the system configuration. */
    public static DDSketch newSketch() {
        return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    }

    /**
     * A new empty sketch with {@code mapping}, which must be the system's or the legacy one: for adding values to
     * what a legacy sketch holds.
     */
    public static DDSketch newSketch(IndexMapping mapping) {
        if (!MAPPING.equals(mapping) && !LEGACY_MAPPING.equals(mapping)) {
            throw new IllegalArgumentException("not a mapping of the system: " + mapping);
        }
        return new DDSketch(mapping, UnboundedSizeDenseStore::new);
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
            if (!MAPPING.equals(sketch.getIndexMapping()) && !LEGACY_MAPPING.equals(sketch.getIndexMapping())) {
                throw new IllegalArgumentException("sketch uses an index mapping that is neither the system's"
                        + " (scale 6) nor the legacy 1 % one: " + sketch.getIndexMapping());
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

    /** Whether {@code sketch} uses the legacy 1 % mapping rather than the system's. */
    public static boolean isLegacy(DDSketch sketch) {
        return LEGACY_MAPPING.equals(sketch.getIndexMapping());
    }

    /**
     * Merges {@code source} into {@code target} and returns {@code target}.
     *
     * @throws IllegalArgumentException when the two use different index mappings (a legacy 1 % sketch and a
     *                                  scale-6 one): re-binning would add error, so they are refused, not converted
     */
    public static DDSketch mergeInto(DDSketch target, DDSketch source) {
        requireSameMapping(target, source);
        target.mergeWith(source);
        return target;
    }

    /** @throws IllegalArgumentException when the two sketches cannot merge exactly */
    public static void requireSameMapping(DDSketch target, DDSketch source) {
        if (!target.getIndexMapping().equals(source.getIndexMapping())) {
            throw new IllegalArgumentException("cannot merge sketches with different index mappings ("
                    + describe(source) + " into " + describe(target) + "): re-binning would add error");
        }
    }

    private static String describe(DDSketch sketch) {
        IndexMapping mapping = sketch.getIndexMapping();
        if (MAPPING.equals(mapping)) {
            return "scale-6 mapping";
        }
        return LEGACY_MAPPING.equals(mapping) ? "legacy 1 % mapping" : mapping.toString();
    }
}
