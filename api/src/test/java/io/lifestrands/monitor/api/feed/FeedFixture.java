package io.lifestrands.monitor.api.feed;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link LiveFeed} with outboxes on {@link RecordingTransport}s, closes run inline and time set by the test. */
final class FeedFixture {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final long SECOND = 1_000_000_000L;
    static final String STREAM = "stream-test";

    final AtomicLong nanoTime = new AtomicLong(1_000 * SECOND);
    final SocketStats stats = new SocketStats();
    final LiveFeed feed;

    FeedFixture(int sessionQueue) {
        feed = new LiveFeed(STREAM, new ReplayBuffer(100, 1_000_000), FeedFixture::snapshot, stats, sessionQueue,
                1_000_000);
    }

    /** A snapshot carrying only its position and reason, so a test can tell it apart. */
    private static SocketMessages.Snapshot snapshot(long seq, String stream, String reason, Set<String> services) {
        return new SocketMessages.Snapshot(SocketMessages.SNAPSHOT, seq, stream, reason, null, T0);
    }

    /** A client that subscribes to everything, registered on a fresh connect. */
    RecordingTransport connect(String id) {
        return connect(id, Subscription.ALL, null, null);
    }

    RecordingTransport connect(String id, Subscription subscription, String resumeStream, Long lastSeq) {
        RecordingTransport transport = new RecordingTransport(id);
        feed.register(outbox(transport, subscription), resumeStream, lastSeq, () -> { });
        return transport;
    }

    Outbox outbox(RecordingTransport transport, Subscription subscription) {
        return new Outbox(transport, subscription, 100, 1_000_000, 5 * SECOND, Runnable::run, stats, nanoTime::get);
    }

    void publishStatus(String service) {
        feed.publish(SocketMessages.STATUS_CHANGE, service, seq -> new Message(SocketMessages.STATUS_CHANGE, seq,
                service), null);
    }

    void advance(long nanos) {
        nanoTime.addAndGet(nanos);
    }

    /** A stand-in for a stream message. */
    record Message(String type, long seq, String service) {
    }
}
