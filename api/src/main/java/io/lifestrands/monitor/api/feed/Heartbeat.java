package io.lifestrands.monitor.api.feed;

import java.time.Clock;
import java.time.Duration;

/**
 * Every heartbeat interval: pings each client and sends it a {@code heartbeat} message (the stream's latest
 * {@code seq}), and closes a client that has sent nothing, not even a pong, for the heartbeat timeout or whose send
 * in flight outlasted the send time limit.
 */
final class Heartbeat implements Runnable {

    private final LiveFeed feed;
    private final long timeoutNanos;
    private final Clock clock;

    /** @param timeout a client silent for longer is closed with {@link Outbox#NO_HEARTBEAT} */
    Heartbeat(LiveFeed feed, Duration timeout, Clock clock) {
        this.feed = feed;
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
    }

    /** One beat; the silence of each client is measured by its {@link Outbox}'s own time source. */
    @Override
    public void run() {
        String beat = feed.heartbeat(clock.instant());
        for (Outbox outbox : feed.outboxes()) {
            if (outbox.check(timeoutNanos)) {
                outbox.offer(beat);
            } else {
                feed.remove(outbox);
            }
        }
    }
}
