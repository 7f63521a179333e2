package io.lifestrands.monitor.processor.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The good and total events of one SLO in time buckets, three tiers fine enough for their windows: 10 s buckets for
 * the last hour (the 5m, 30m and 1h burn rates), 5 min buckets for 3 days (6h, 3d), 1 h buckets for 30 days (the
 * budget). Counts are integers, so windows add up exactly; a window reads the finest tier that reaches back far enough
 * and takes every bucket that overlaps it, so it may reach back one bucket further than asked.
 *
 * <p>Time is the SLO's own event time: the latest event counted ({@link #latestMs()}); buckets that have left their
 * tier's reach are dropped when time moves on. Mutable, private to one {@link SloProcessor}.
 */
final class SloCounts {

    /** One tier: its bucket size and how far back it reaches. */
    enum Tier {
        FINE(Duration.ofSeconds(10), Duration.ofHours(1)),
        MEDIUM(Duration.ofMinutes(5), Duration.ofDays(3)),
        COARSE(Duration.ofHours(1), Duration.ofDays(30));

        final long sizeMs;
        final long reachMs;

        Tier(Duration size, Duration reach) {
            this.sizeMs = size.toMillis();
            this.reachMs = reach.toMillis();
        }

        long startOf(long ms) {
            return Math.floorDiv(ms, sizeMs) * sizeMs;
        }

        /** The finest tier that reaches back {@code windowMs}. */
        static Tier of(long windowMs) {
            for (Tier tier : values()) {
                if (windowMs <= tier.reachMs) {
                    return tier;
                }
            }
            throw new IllegalArgumentException("window must be at most 30d, was " + Duration.ofMillis(windowMs));
        }
    }

    /** Good and total events. */
    record Count(long good, long total) {
        static final Count NONE = new Count(0, 0);

        Count plus(Count other) {
            return new Count(good + other.good, total + other.total);
        }

        long bad() {
            return total - good;
        }
    }

    /** A bucket that changed: the store writes it, or deletes it when {@code count} is null. */
    record Change(Tier tier, long startMs, Count count) {
    }

    private final Map<Tier, NavigableMap<Long, Count>> tiers = new EnumMap<>(Tier.class);
    private long firstMs = Long.MAX_VALUE;
    private long latestMs = Long.MIN_VALUE;

    SloCounts() {
        for (Tier tier : Tier.values()) {
            tiers.put(tier, new TreeMap<>());
        }
    }

    /**
     * Counts events at {@code ms}; an event older than a tier's reach is left out of that tier.
     *
     * @return the buckets that changed, dropped ones included
     */
    List<Change> add(long ms, Count count) {
        List<Change> changes = new ArrayList<>(3);
        latestMs = Math.max(latestMs, ms);
        firstMs = Math.min(firstMs, ms);
        for (Tier tier : Tier.values()) {
            long start = tier.startOf(ms);
            if (start + tier.sizeMs > latestMs - tier.reachMs) {
                Count sum = tiers.get(tier).merge(start, count, Count::plus);
                changes.add(new Change(tier, start, sum));
            }
            prune(tier, changes);
        }
        return changes;
    }

    /** Puts a stored bucket back, as {@link #add} left it; for loading the store. */
    void restore(Tier tier, long startMs, Count count) {
        tiers.get(tier).put(startMs, count);
        firstMs = Math.min(firstMs, startMs);
        latestMs = Math.max(latestMs, startMs);
    }

    /** Restores the event-time bounds, which buckets alone round down. */
    void restoreBounds(long first, long latest) {
        firstMs = Math.min(firstMs, first);
        latestMs = Math.max(latestMs, latest);
    }

    /** The events of the last {@code window} before {@link #latestMs()}. */
    Count over(Duration window) {
        if (isEmpty()) {
            return Count.NONE;
        }
        long windowMs = window.toMillis();
        Tier tier = Tier.of(windowMs);
        long from = latestMs - windowMs;
        Count sum = Count.NONE;
        // from the bucket that holds the window's start: it overlaps the window
        for (Count count : tiers.get(tier).tailMap(tier.startOf(from), true).values()) {
            sum = sum.plus(count);
        }
        return sum;
    }

    /** Share of {@code window} that lies after the first counted event, 0 to 1. */
    double covered(Duration window) {
        if (isEmpty()) {
            return 0;
        }
        return Math.min(1, Math.max(0, (latestMs - firstMs) / (double) window.toMillis()));
    }

    boolean isEmpty() {
        return latestMs == Long.MIN_VALUE;
    }

    long latestMs() {
        return latestMs;
    }

    long firstMs() {
        return firstMs;
    }

    private void prune(Tier tier, List<Change> changes) {
        NavigableMap<Long, Count> buckets = tiers.get(tier);
        long oldest = latestMs - tier.reachMs - tier.sizeMs;
        while (!buckets.isEmpty() && buckets.firstKey() < oldest) {
            changes.add(new Change(tier, buckets.pollFirstEntry().getKey(), null));
        }
    }
}
