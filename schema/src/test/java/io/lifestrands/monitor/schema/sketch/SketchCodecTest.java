package io.lifestrands.monitor.schema.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class SketchCodecTest {

    @Test
    void mergedSketchesKeepOnePercentAccuracyOnHeavyTailedData() {
        Random random = new Random(42);
        double[] all = new double[60_000];
        DDSketch merged = SketchCodec.newSketch();
        for (int minute = 0; minute < 60; minute++) {
            DDSketch window = SketchCodec.newSketch();
            for (int i = 0; i < 1000; i++) {
                double latency = Math.exp(3.5 + 0.8 * random.nextGaussian()) * (random.nextInt(1000) == 0 ? 50 : 1);
                all[minute * 1000 + i] = latency;
                window.accept(latency);
            }
            SketchCodec.mergeInto(merged, SketchCodec.fromBase64(SketchCodec.toBase64(window)));
        }

        Arrays.sort(all);

        for (double q : new double[]{0.5, 0.95, 0.99}) {
            double exact = all[(int) Math.ceil(q * all.length) - 1];
            assertThat(merged.getValueAtQuantile(q)).as("q=%s", q).isCloseTo(exact, withinPercentage(1));
        }
        assertThat(merged.getCount()).isEqualTo(60_000);
    }

    @Test
    void encodingRoundTripsExactly() {
        DDSketch sketch = SketchCodec.newSketch();
        for (int i = 1; i <= 100; i++) {
            sketch.accept(i);
        }

        DDSketch decoded = SketchCodec.decode(SketchCodec.encode(sketch));

        assertThat(decoded.getCount()).isEqualTo(100);
        assertThat(decoded.getValueAtQuantile(0.95)).isEqualTo(sketch.getValueAtQuantile(0.95));
    }

    @Test
    void goldenWindowSketchAgreesWithItsSummaryFields() throws java.io.IOException {
        var window = io.lifestrands.monitor.schema.json.Json.decode(
                SketchCodecTest.class.getResourceAsStream("/json/metric-window.json").readAllBytes(),
                io.lifestrands.monitor.schema.MetricWindow.class);

        DDSketch sketch = SketchCodec.fromBase64(window.sketch());

        assertThat(sketch.getCount()).isEqualTo(window.count());
        assertThat(sketch.getValueAtQuantile(0.95)).isEqualTo(window.p95());
        assertThat(sketch.getMinValue()).isCloseTo(window.min(), withinPercentage(1));
        assertThat(sketch.getMaxValue()).isCloseTo(window.max(), withinPercentage(1));
    }

    @Test
    void rejectsGarbageAndForeignMappings() {
        assertThatThrownBy(() -> SketchCodec.decode(new byte[]{1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class);
        DDSketch coarse = DDSketch.balanced(0.05);
        coarse.accept(3);
        var out = com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput.withDefaultInitialCapacity();
        assertThatThrownBy(() -> {
            coarse.encode(out, false);
            SketchCodec.decode(out.trimmedCopy());
        }).hasMessageContaining("index mapping");
    }

    @Test
    void legacyOnePercentSketchesStillDecodeWithTheirMapping() {
        DDSketch legacy = new DDSketch(SketchCodec.LEGACY_MAPPING,
                com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore::new);
        for (int i = 1; i <= 100; i++) {
            legacy.accept(i);
        }

        DDSketch decoded = SketchCodec.fromBase64(SketchCodec.toBase64(legacy));

        assertThat(SketchCodec.isLegacy(decoded)).isTrue();
        assertThat(decoded.getCount()).isEqualTo(100);
        assertThat(decoded.getValueAtQuantile(0.95)).isEqualTo(legacy.getValueAtQuantile(0.95));
    }

    @Test
    void newSketchesUseScaleSixAndRoundTripBinForBin() {
        DDSketch sketch = SketchCodec.newSketch();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            sketch.accept(Math.exp(3.5 + random.nextGaussian()));
        }

        DDSketch decoded = SketchCodec.decode(SketchCodec.encode(sketch));

        assertThat(SketchCodec.isLegacy(decoded)).isFalse();
        assertThat(decoded.getIndexMapping()).isEqualTo(SketchCodec.MAPPING);
        assertThat(bins(decoded)).isEqualTo(bins(sketch));
        assertThat(SketchCodec.RELATIVE_ACCURACY).isCloseTo(0.0054, withinPercentage(1));
    }

    @Test
    void valuesLandInTheBinOfTheirOtelScaleSixBucket() {
        // OTel exponential histogram, scale 6: index = ceil(ln(v) * 2^6 / ln 2) - 1 for v not a power of the base
        double scaleFactor = 64 / Math.log(2);
        Random random = new Random(11);
        var mapping = SketchCodec.MAPPING;
        for (int i = 0; i < 100_000; i++) {
            double v = Math.exp(12 * random.nextDouble() - 4) * (random.nextInt(100) == 0 ? 50 : 1);
            int otel = (int) Math.ceil(Math.log(v) * scaleFactor) - 1;
            assertThat(mapping.index(v)).as("v=%s", v).isEqualTo(otel);
        }
        assertThat(mapping.index(1.5)).isEqualTo(37);   // ceil(log2(1.5) * 64) - 1 = ceil(37.44) - 1
        assertThat(mapping.index(1500)).isEqualTo(675); // ceil(log2(1500) * 64) - 1 = ceil(675.24) - 1
    }

    @Test
    void refusesToMergeSketchesOfDifferentMappings() {
        DDSketch legacy = new DDSketch(SketchCodec.LEGACY_MAPPING,
                com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore::new);
        legacy.accept(12);
        DDSketch current = SketchCodec.newSketch();
        current.accept(12);

        assertThatThrownBy(() -> SketchCodec.mergeInto(current, legacy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different index mappings")
                .hasMessageContaining("legacy 1 % mapping into scale-6 mapping");
        assertThat(current.getCount()).isEqualTo(1);
    }

    private static java.util.Map<Integer, Double> bins(DDSketch sketch) {
        java.util.Map<Integer, Double> bins = new java.util.TreeMap<>();
        sketch.getPositiveValueStore().getAscendingStream().forEach(bin -> bins.put(bin.getIndex(), bin.getCount()));
        return bins;
    }
}
