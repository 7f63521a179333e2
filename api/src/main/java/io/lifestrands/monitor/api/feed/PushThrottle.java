package io.lifestrands.monitor.api.feed;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * When a change-driven {@code metrics_update} may go out: on the leading edge, at most one per min-push interval. A
 * change after a quiet interval is due at once; one soon after a push is due when the interval since that push has
 * passed. Any push (the periodic one too) carries every change before it.
 */
final class PushThrottle {

    private final long minNanos;
    private final LongSupplier nanoTime;
    /** Set when a change arrived that no push has carried yet. */
    private final AtomicBoolean changed = new AtomicBoolean();
    /** {@link #nanoTime} of the last push; written before {@link #changed} is cleared. */
    private volatile long lastPushNanos;

    /** @param nanoTime a monotonic time source in nanoseconds, such as {@code System::nanoTime} */
    PushThrottle(Duration minInterval, LongSupplier nanoTime) {
        this.minNanos = minInterval.toNanos();
        this.nanoTime = nanoTime;
        this.lastPushNanos = nanoTime.getAsLong() - minNanos;
    }

    /**
     * A change arrived.
     *
     * @return how long to wait before pushing it; empty when an earlier change is still waiting for a push (that push
     *         carries this one too)
     */
    Optional<Duration> changed() {
        return changed.compareAndSet(false, true) ? Optional.of(untilDue()) : Optional.empty();
    }

    /** How long until a change may be pushed; zero when it may be pushed now. */
    Duration untilDue() {
        return Duration.ofNanos(Math.max(0, lastPushNanos + minNanos - nanoTime.getAsLong()));
    }

    /** Whether a change is waiting for a push. */
    boolean pending() {
        return changed.get();
    }

    /** Whether a change is waiting and the min-push interval since the last push has passed. */
    boolean due() {
        return changed.get() && nanoTime.getAsLong() - lastPushNanos >= minNanos;
    }

    /**
     * A push is being built now: it carries every change so far. The time first, then the flag: a change arriving
     * after the flag is cleared is timed from this push; one arriving while the push is built goes with the next.
     */
    void pushing() {
        lastPushNanos = nanoTime.getAsLong();
        changed.set(false);
    }

    /** Every change so far reached the clients otherwise (the first client's snapshot carries them). */
    void delivered() {
        changed.set(false);
    }
}
