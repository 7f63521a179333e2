package io.lifestrands.monitor.processor.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Property: for heavy-tailed data from seeded generators, p50/p95/p99 of every resolution and of a range merged
 * from windows are within 1 % of the exact percentiles of the same values (QUALITY P3).
 */
class PercentileAccuracyTest extends TopologyTestSupport {

    private static final int SAMPLES = 800;
    private static final long SPACING_MS = 750;

    static Stream<Arguments> distributions() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (long seed : new long[] {1, 20260101, 987654321}) {
            cases.add(arguments("log-normal sigma 2", seed, (ToDoubleFunction<Random>) r ->
                    Math.exp(3 + 2 * r.nextGaussian())));
            cases.add(arguments("pareto alpha 1.2", seed, (ToDoubleFunction<Random>) r ->
                    5 / Math.pow(1 - r.nextDouble(), 1 / 1.2)));
            cases.add(arguments("fast path with 3 % timeouts", seed, (ToDoubleFunction<Random>) r ->
                    r.nextDouble() < 0.03 ? 30_000 + 5_000 * r.nextDouble() : Math.exp(4 + 0.4 * r.nextGaussian())));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("distributions")
    void percentilesWithinOnePercentOfExactAtEveryResolution(String name, long seed,
                                                              ToDoubleFunction<Random> distribution) {
        Random random = new Random(seed);
        double[] values = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = distribution.applyAsDouble(random);
            fixture.wallClockAt(Duration.ofMillis(i * SPACING_MS));
            fixture.pipe(probe("model_service", T0.plusMillis(i * SPACING_MS), true, values[i]));
        }

        fixture.wallClockAt(Duration.ofHours(2));

        List<MetricWindow> minutes = fixture.windows("1m");
        List<MetricWindow> fives = fixture.windows("5m");
        MetricWindow hour = fixture.windows("1h").get(0);
        assertWithinOnePercent(hour, values);
        assertWithinOnePercent(fives.get(0), slice(values, 0, Duration.ofMinutes(5)));
        assertWithinOnePercent(minutes.get(3), slice(values, 3, Duration.ofMinutes(1)));
        DDSketch range = SketchCodec.newSketch();
        fives.forEach(five -> range.mergeWith(SketchCodec.fromBase64(five.sketch())));
        double[] sorted = sorted(values);
        for (double q : new double[] {0.50, 0.95, 0.99}) {
            assertThat(range.getValueAtQuantile(q)).as("merged range q%s", q)
                    .isCloseTo(exact(sorted, q), withinPercentage(1));
        }
    }

    private static void assertWithinOnePercent(MetricWindow window, double[] values) {
        double[] sorted = sorted(values);
        assertThat(window.count()).isEqualTo(values.length);
        assertThat(window.p50()).as("%s p50", window.resolution()).isCloseTo(exact(sorted, 0.50), withinPercentage(1));
        assertThat(window.p95()).as("%s p95", window.resolution()).isCloseTo(exact(sorted, 0.95), withinPercentage(1));
        assertThat(window.p99()).as("%s p99", window.resolution()).isCloseTo(exact(sorted, 0.99), withinPercentage(1));
    }

    /** The values whose timestamps fall into the {@code index}-th window of the given size. */
    private static double[] slice(double[] values, int index, Duration size) {
        long from = index * size.toMillis();
        long to = from + size.toMillis();
        return java.util.stream.IntStream.range(0, values.length)
                .filter(i -> i * SPACING_MS >= from && i * SPACING_MS < to)
                .mapToDouble(i -> values[i]).toArray();
    }

    private static double[] sorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The lower exact quantile, the rank DDSketch's guarantee refers to. */
    private static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }
}
