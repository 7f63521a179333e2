package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.slo.SloCounts.Count;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.Units;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which events of a sample an SLO counts, and how many of them are good.
 *
 * <p>{@code traffic}: request samples, one event per {@code latency_ms} sample, {@code count} events per
 * {@code latency_ms} histogram (all bad when the sample failed). {@code probes}: probe samples the monitor could
 * perform, one event each. Good = not failed, and for a latency SLO at most {@code threshold_ms}. A histogram is
 * counted at the threshold from its buckets: buckets at or below it are good, the one bucket the threshold cuts is
 * split linearly, so the count is exact at bucket edges and off by at most that bucket's count elsewhere (for an
 * exponential histogram of scale 3, a bucket spans 9 % of its value).
 */
final class SloEvents {

    private SloEvents() {
    }

    static Optional<Count> of(Slo slo, Sample sample) {
        if (slo.source() == Slo.Source.PROBES) {
            return sample.kind() == SampleKind.PROBE && !sample.failedToMonitor() ? single(slo, sample)
                    : Optional.empty();
        }
        if (sample.kind() != SampleKind.REQUEST) {
            return Optional.empty();
        }
        Histogram histogram = sample.histogram();
        if (histogram != null) {
            return Names.LATENCY_MS.equals(histogram.metric()) && histogram.count() > 0
                    ? ofHistogram(slo, sample, histogram) : Optional.empty();
        }
        return sample.latencyMs() != null || sample.failed() ? single(slo, sample) : Optional.empty();
    }

    private static Optional<Count> single(Slo slo, Sample sample) {
        if (sample.failed()) {
            return Optional.of(new Count(0, 1));
        }
        if (slo.kind() == Slo.Kind.AVAILABILITY) {
            return Optional.of(new Count(1, 1));
        }
        if (sample.latencyMs() == null) {
            return Optional.empty();
        }
        return Optional.of(new Count(sample.latencyMs() <= slo.thresholdMs() ? 1 : 0, 1));
    }

    private static Optional<Count> ofHistogram(Slo slo, Sample sample, Histogram histogram) {
        long total = histogram.count();
        if (sample.failed()) {
            return Optional.of(new Count(0, total));
        }
        if (slo.kind() == Slo.Kind.AVAILABILITY) {
            return Optional.of(new Count(total, total));
        }
        OptionalDouble toMs = Units.factor(histogram.unit(), Names.LATENCY_MS);
        if (toMs.isEmpty()) {
            return Optional.empty();
        }
        double threshold = slo.thresholdMs() / toMs.getAsDouble();
        return Optional.of(new Count(Math.min(total, Math.round(atOrBelow(histogram, threshold))), total));
    }

    /** Observations at or below {@code threshold} (in the histogram's unit), the cut bucket split linearly. */
    static double atOrBelow(Histogram histogram, double threshold) {
        List<Long> counts = histogram.bucketCounts();
        double good = histogram.zeroCount();
        for (int i = 0; i < counts.size(); i++) {
            double lower = lowerEdge(histogram, i);
            double upper = upperEdge(histogram, i);
            if (upper <= threshold) {
                good += counts.get(i);
            } else if (lower < threshold && Double.isFinite(upper)) {
                good += counts.get(i) * (threshold - lower) / (upper - lower);
            } else if (lower < threshold) {
                // the open last bucket: only its max tells where its values are
                Double max = histogram.max();
                good += max != null && max <= threshold ? counts.get(i) : 0;
            }
        }
        return good;
    }

    private static double lowerEdge(Histogram histogram, int i) {
        if (histogram.exponential()) {
            return Math.pow(base(histogram), histogram.offset() + i);
        }
        if (i == 0) {
            return histogram.min() != null ? Math.min(histogram.min(), histogram.explicitBounds().get(0)) : 0;
        }
        return histogram.explicitBounds().get(i - 1);
    }

    private static double upperEdge(Histogram histogram, int i) {
        if (histogram.exponential()) {
            return Math.pow(base(histogram), histogram.offset() + i + 1);
        }
        List<Double> bounds = histogram.explicitBounds();
        return i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
    }

    private static double base(Histogram histogram) {
        return Math.pow(2, Math.pow(2, -histogram.scale()));
    }
}
