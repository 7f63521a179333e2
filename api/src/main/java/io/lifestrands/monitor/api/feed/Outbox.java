package io.lifestrands.monitor.api.feed;

import org.springframework.web.socket.CloseStatus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The outgoing side of one client: an ordered queue bounded by messages and bytes, drained one asynchronous send at
 * a time. Offering never blocks; a client whose queue overflows, or whose send in flight outlasts the send time
 * limit, is closed with a reason (so it reconnects and resumes) instead of slowing anyone else.
 */
final class Outbox {

    /** Closed because it could not keep up; the reason says which bound. */
    static final int SLOW_CONSUMER = 4001;
    /** Closed because it answered neither pings nor anything else within the heartbeat timeout. */
    static final int NO_HEARTBEAT = 4002;

    private final Transport transport;
    private final int maxMessages;
    private final long maxBytes;
    private final long sendLimitNanos;
    private final Executor closer;
    private final SocketStats stats;
    private final LongSupplier nanoTime;
    private final Deque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private long sendStartedNanos;
    private boolean closed;
    private Thread pumping;
    private volatile long lastHeardNanos;
    private volatile Subscription subscription;

    Outbox(Transport transport, Subscription subscription, int maxMessages, long maxBytes, long sendLimitNanos,
           Executor closer, SocketStats stats, LongSupplier nanoTime) {
        this.transport = transport;
        this.subscription = subscription;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.sendLimitNanos = sendLimitNanos;
        this.closer = closer;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.lastHeardNanos = nanoTime.getAsLong();
    }

    String id() {
        return transport.id();
    }

    Subscription subscription() {
        return subscription;
    }

    void subscribe(Subscription changed) {
        subscription = changed;
    }

    /** The client sent something (a pong, a message): it is alive. */
    void heard() {
        lastHeardNanos = nanoTime.getAsLong();
    }

    /**
     * Queues {@code text} behind what is queued; never blocks.
     *
     * @return false when the outbox is closed, or has just been closed because the text did not fit
     */
    boolean offer(String text) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            long size = 2L * text.length();
            // one message is always taken when nothing waits: a snapshot of a large fleet may exceed the bound
            if (queue.size() < maxMessages && (queue.isEmpty() || queuedBytes + size <= maxBytes)) {
                queue.addLast(text);
                queuedBytes += size;
                pump();
                return true;
            }
        }
        terminate(new CloseStatus(SLOW_CONSUMER, "client too slow: more than " + maxMessages + " messages or "
                + maxBytes + " bytes queued"), 1);
        return false;
    }

    private void pump() {
        while (!closed && !sending && !queue.isEmpty()) {
            String next = queue.pollFirst();
            queuedBytes -= 2L * next.length();
            sending = true;
            sendStartedNanos = nanoTime.getAsLong();
            pumping = Thread.currentThread();
            transport.sendText(next, this::sent);
            pumping = null;
        }
    }

    private void sent(Throwable failure) {
        completed(failure, true);
    }

    private void completed(Throwable failure, boolean message) {
        synchronized (this) {
            sending = false;
            if (failure == null) {
                if (message) {
                    stats.sent.increment();
                }
                // a send that completed inside pump() continues its loop there, not recursively here
                if (pumping != Thread.currentThread()) {
                    pump();
                }
                return;
            }
        }
        stats.sendFailures.increment();
        terminate(new CloseStatus(SLOW_CONSUMER, "client too slow: send failed or exceeded the time limit"), 1);
    }

    /**
     * Called on the heartbeat schedule: closes a client whose send in flight outlasted the limit or that has been
     * silent longer than {@code silenceNanos}; otherwise pings it when idle.
     *
     * @return false when the outbox is (now) closed
     */
    boolean check(long silenceNanos) {
        long now = nanoTime.getAsLong();
        boolean overdue;
        synchronized (this) {
            if (closed) {
                return false;
            }
            overdue = sending && now - sendStartedNanos > sendLimitNanos;
            if (!overdue && now - lastHeardNanos > silenceNanos) {
                closed = true;
                stats.deadPeerCloses.increment();
                dropQueued();
                closer.execute(() -> transport.close(new CloseStatus(NO_HEARTBEAT, "no pong within the timeout")));
                return false;
            }
            if (!overdue && (sending || !queue.isEmpty())) {
                return true;
            }
            if (!overdue) {
                // the ping takes the send slot, so no text starts while it may block in the container
                sending = true;
                sendStartedNanos = now;
            }
        }
        if (overdue) {
            terminate(new CloseStatus(SLOW_CONSUMER, "client too slow: a send exceeded the time limit"), 0);
            return false;
        }
        ping();
        return true;
    }

    private void ping() {
        Throwable failure = null;
        try {
            transport.ping();
        } catch (Exception e) {
            failure = e;
        }
        completed(failure, false);
    }

    /** Closes for slowness; counts the queued messages (plus {@code alsoLost}) as dropped. */
    private void terminate(CloseStatus status, int alsoLost) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stats.dropped.add(alsoLost);
            dropQueued();
        }
        stats.slowCloses.increment();
        closer.execute(() -> transport.close(status));
    }

    private void dropQueued() {
        stats.dropped.add(queue.size());
        queue.clear();
        queuedBytes = 0;
    }

    /** Closes without counting anything, e.g. when the server stops. */
    void close(CloseStatus status) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        closer.execute(() -> transport.close(status));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int queued() {
        return queue.size();
    }
}
