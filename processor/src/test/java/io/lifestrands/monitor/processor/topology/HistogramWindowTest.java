package io.lifestrands.monitor.processor.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Histogram samples in 1-minute windows: exact at scale >= 6, marked with their accuracy when coarser. */
class HistogramWindowTest extends TopologyTestSupport {

    private static final String DURATION = "http.server.request.duration";

    @Test
    void scaleEightHistogramsGiveTheBinsAndPercentilesOfTheRawValues() {
        double[] seconds = heavyTailedSeconds(4000, 42);
        DDSketch direct = SketchCodec.newSketch();
        Arrays.stream(seconds).forEach(direct::accept);
        for (int part = 0; part < 4; part++) {
            double[] chunk = Arrays.copyOfRange(seconds, part * 1000, (part + 1) * 1000);
            fixture.pipe(histogramSample("chat", T0.plusSeconds(5 + 10 * part), exponential(chunk, 8), true));
        }
        for (int i = 0; i < seconds.length; i++) {
            fixture.pipe(request("raw", T0.plusMillis(10 * i), seconds[i]));
        }

        fixture.wallClockAt(Duration.ofSeconds(75));
        MetricWindow window = fixture.latest("1m").get("chat/" + DURATION + "/1m");
        MetricWindow raw = fixture.latest("1m").get("raw/latency_ms/1m");

        assertThat(bins(SketchCodec.fromBase64(window.sketch()))).isEqualTo(bins(direct));
        assertThat(window.count()).isEqualTo(4000);
        assertThat(window.unit()).isEqualTo("s");
        assertThat(window.relativeAccuracy()).isNull();
        assertThat(window.p50()).isEqualTo(raw.p50());
        assertThat(window.p95()).isEqualTo(raw.p95());
        assertThat(window.p99()).isEqualTo(raw.p99());
        assertThat(window.min()).isEqualTo(raw.min());
        assertThat(window.max()).isEqualTo(raw.max());
        assertThat(window.sum()).isCloseTo(raw.sum(), within(1e-9 * raw.sum()));
        // why the sketch stays in seconds: to ms every edge moves by log_gamma(1000) bins, not a whole number
        assertThat(64 * Math.log(1000) / Math.log(2) % 1).isBetween(0.8, 0.82);
    }

    @Test
    void failedHistogramSamplesCountEveryObservationAsAnError() {
        fixture.pipe(histogramSample("chat", T0.plusSeconds(1), exponential(new double[] {0.1, 0.2, 0.3}, 6), false));
        fixture.pipe(histogramSample("chat", T0.plusSeconds(2), exponential(new double[] {0.4}, 6), true));

        fixture.wallClockAt(Duration.ofSeconds(75));
        MetricWindow window = fixture.latest("1m").get("chat/" + DURATION + "/1m");

        assertThat(window.count()).isEqualTo(4);
        assertThat(window.errors()).isEqualTo(3);
    }

    @Test
    void coarseAndExplicitHistogramsAreMarkedWithTheirAccuracy() {
        double[] seconds = heavyTailedSeconds(500, 7);
        fixture.pipe(histogramSample("coarse", T0.plusSeconds(1), exponential(seconds, 3), true));
        fixture.pipe(histogramSample("explicit", T0.plusSeconds(1), explicit(seconds,
                List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)), true));

        fixture.wallClockAt(Duration.ofSeconds(75));
        MetricWindow coarse = fixture.latest("1m").get("coarse/" + DURATION + "/1m");
        MetricWindow explicit = fixture.latest("1m").get("explicit/" + DURATION + "/1m");

        double base = Math.pow(2, 1.0 / 8);
        double bucket = (base - 1) / (base + 1);
        double own = SketchCodec.RELATIVE_ACCURACY;
        assertThat(coarse.relativeAccuracy()).isCloseTo(bucket + own + bucket * own, within(1e-12));
        assertThat(coarse.count()).isEqualTo(500);
        assertThat(explicit.relativeAccuracy()).isGreaterThan(coarse.relativeAccuracy()).isLessThanOrEqualTo(1.0);
        assertThat(explicit.count()).isEqualTo(500);
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double exactP50 = sorted[(int) Math.floor(0.5 * (sorted.length - 1))];
        assertThat(Math.abs(coarse.p50() - exactP50) / exactP50).isLessThanOrEqualTo(coarse.relativeAccuracy());
        assertThat(Math.abs(explicit.p50() - exactP50) / exactP50).isLessThanOrEqualTo(explicit.relativeAccuracy());
    }

    @Test
    void aHistogramOfAnotherUnitThanItsSeriesIsDeadLetteredAndChangesNothing() {
        fixture.pipe(histogramSample("chat", T0.plusSeconds(1), exponential(new double[] {0.1, 0.2}, 6), true));
        Histogram inMs = exponential(new double[] {100, 200}, 6);
        inMs = new Histogram(DURATION, "ms", inMs.scale(), inMs.offset(), inMs.bucketCounts(), null, 0L,
                inMs.count(), inMs.sum(), inMs.min(), inMs.max());
        fixture.pipe(histogramSample("chat", T0.plusSeconds(2), inMs, true));

        fixture.wallClockAt(Duration.ofSeconds(75));
        MetricWindow window = fixture.latest("1m").get("chat/" + DURATION + "/1m");

        assertThat(window.count()).isEqualTo(2);
        assertThat(fixture.dlq.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(TopologyFixture.header(r, io.lifestrands.monitor.schema.topic.Topics.DLQ_REASON)).contains("unit s, not ms"));
    }

    @Test
    void anInconsistentHistogramIsDeadLetteredAsInvalid() {
        fixture.pipeRaw("chat", """
                {"kind":"request","host":"h","service":"chat","ts":"2026-01-01T00:00:01Z","up":true,
                 "histogram":{"metric":"d","scale":6,"offset":0,"bucket_counts":[1,2],"count":4,"sum":1}}""",
                T0.plusSeconds(1));

        assertThat(fixture.dlq.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(TopologyFixture.header(r, io.lifestrands.monitor.schema.topic.Topics.DLQ_REASON)).contains("count must be"));
    }

    private static double[] heavyTailedSeconds(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double ms = Math.exp(3.7 + 0.5 * random.nextGaussian()) * (random.nextInt(100) == 0
                    ? 5 + 45 * random.nextDouble() : 1);
            values[i] = ms / 1000;
        }
        return values;
    }

    /** What an OTel SDK reports at {@code scale}: index = ceil(log2(v) * 2^scale) - 1. */
    static Histogram exponential(double[] values, int scale) {
        double factor = Math.scalb(1.0, scale) / Math.log(2);
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        for (double v : values) {
            buckets.merge((int) Math.ceil(Math.log(v) * factor) - 1, 1L, Long::sum);
        }
        int offset = buckets.firstKey();
        List<Long> counts = new ArrayList<>();
        for (int i = offset; i <= buckets.lastKey(); i++) {
            counts.add(buckets.getOrDefault(i, 0L));
        }
        return new Histogram(DURATION, "s", scale, offset, counts, null, 0L, values.length,
                Arrays.stream(values).sum(), Arrays.stream(values).min().orElseThrow(),
                Arrays.stream(values).max().orElseThrow());
    }

    static Histogram explicit(double[] values, List<Double> bounds) {
        long[] counts = new long[bounds.size() + 1];
        for (double v : values) {
            int k = 0;
            while (k < bounds.size() && v > bounds.get(k)) {
                k++;
            }
            counts[k]++;
        }
        return new Histogram(DURATION, "s", null, null, Arrays.stream(counts).boxed().toList(), bounds, 0L,
                values.length, Arrays.stream(values).sum(), Arrays.stream(values).min().orElseThrow(),
                Arrays.stream(values).max().orElseThrow());
    }

    private static Sample histogramSample(String service, Instant ts, Histogram histogram, boolean up) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "otel", service, ts, up, null, up ? 200 : 503, null,
                Map.of(), Map.of(), null, histogram);
    }

    private static Sample request(String service, Instant ts, double latency) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "otel", service, ts, true, latency, 200, null,
                Map.of(), Map.of());
    }

    private static Map<Integer, Double> bins(DDSketch sketch) {
        Map<Integer, Double> bins = new TreeMap<>();
        sketch.getPositiveValueStore().getAscendingStream().forEach(bin -> bins.put(bin.getIndex(), bin.getCount()));
        return bins;
    }
}
