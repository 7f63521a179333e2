package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns cumulative OTLP points into deltas, per series (service, host, metric and attributes). A point whose start
 * time differs from the previous one's, or whose count or value is smaller, starts a new run: a reset, counted, and
 * its value since the start is the delta. The first point of a series is its delta since its start.
 */
final class CumulativeDeltas {

    private record Previous(long startNanos, long timeNanos, double value, Histogram histogram) {
    }

    /** A delta and the interval it covers. */
    record Delta<T>(T value, long fromNanos) {
    }

    private final Map<String, Previous> previous = new ConcurrentHashMap<>();
    private final AtomicLong resets = new AtomicLong();

    long resets() {
        return resets.get();
    }

    /** The increase of a monotonic cumulative sum since the previous point of {@code series}. */
    synchronized Delta<Double> sum(String series, long startNanos, long timeNanos, double value) {
        Previous last = previous.put(series, new Previous(startNanos, timeNanos, value, null));
        if (last == null) {
            return new Delta<>(value, startNanos);
        }
        if (last.startNanos() != startNanos || value < last.value()) {
            resets.incrementAndGet();
            return new Delta<>(value, startNanos);
        }
        return new Delta<>(value - last.value(), last.timeNanos());
    }

    /** The observations of a cumulative histogram since the previous point of {@code series}. */
    synchronized Delta<Histogram> histogram(String series, long startNanos, long timeNanos, Histogram current) {
        Previous last = previous.put(series, new Previous(startNanos, timeNanos, 0, current));
        if (last == null) {
            return new Delta<>(current, startNanos);
        }
        Histogram delta = last.startNanos() == startNanos && current.count() >= last.histogram().count()
                ? subtract(current, last.histogram()) : null;
        if (delta == null) {
            resets.incrementAndGet();
            return new Delta<>(current, startNanos);
        }
        return new Delta<>(delta, last.timeNanos());
    }

    /** {@code current - previous}, or null when some bucket shrank or the layouts differ (a reset). */
    private static Histogram subtract(Histogram current, Histogram previous) {
        if (current.exponential() != previous.exponential()) {
            return null;
        }
        List<Long> counts;
        int offset = 0;
        Integer scale = current.scale();
        if (current.exponential()) {
            scale = Math.min(current.scale(), previous.scale());
            TreeMap<Integer, Long> now = buckets(current, scale);
            TreeMap<Integer, Long> before = buckets(previous, scale);
            before.forEach((index, count) -> now.merge(index, -count, Long::sum));
            if (now.values().stream().anyMatch(c -> c < 0)) {
                return null;
            }
            offset = now.isEmpty() ? 0 : now.firstKey();
            counts = new ArrayList<>();
            for (int i = offset; !now.isEmpty() && i <= now.lastKey(); i++) {
                counts.add(now.getOrDefault(i, 0L));
            }
        } else {
            if (!current.explicitBounds().equals(previous.explicitBounds())) {
                return null;
            }
            counts = new ArrayList<>();
            for (int i = 0; i < current.bucketCounts().size(); i++) {
                long count = current.bucketCounts().get(i) - previous.bucketCounts().get(i);
                if (count < 0) {
                    return null;
                }
                counts.add(count);
            }
        }
        long zero = current.zeroCount() - previous.zeroCount();
        if (zero < 0) {
            return null;
        }
        // min and max of a cumulative histogram are over its whole run, not over this delta
        return new Histogram(current.metric(), current.unit(), scale, current.exponential() ? offset : null, counts,
                current.explicitBounds(), zero, current.count() - previous.count(),
                Math.max(0, current.sum() - previous.sum()), null, null);
    }

    /** Exponential buckets by index, downscaled exactly to {@code scale} ({@code i >> (own scale - scale)}). */
    private static TreeMap<Integer, Long> buckets(Histogram histogram, int scale) {
        TreeMap<Integer, Long> out = new TreeMap<>();
        int shift = histogram.scale() - scale;
        for (int k = 0; k < histogram.bucketCounts().size(); k++) {
            long count = histogram.bucketCounts().get(k);
            if (count > 0) {
                out.merge((histogram.offset() + k) >> shift, count, Long::sum);
            }
        }
        return out;
    }
}
