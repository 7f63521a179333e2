package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    private static final long SECOND = 1_000_000_000L;
    private final FakeTransport transport = new FakeTransport();
    private final AtomicLong now = new AtomicLong(0);
    private final SocketStats stats = new SocketStats();
    private final Outbox outbox = new Outbox(transport, Subscription.ALL, 3, 1_000, 5 * SECOND, Runnable::run,
            stats, now::get);

    @Test
    void sendsOneAtATimeInOfferOrder() {
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");

        assertThat(transport.started).containsExactly("a");
        transport.complete(null);
        transport.complete(null);

        assertThat(transport.started).containsExactly("a", "b", "c");
        assertThat(stats.sent.sum()).isEqualTo(2);
    }

    @Test
    void aSendCompletingOnTheCallingThreadDrainsTheQueueWithoutRecursion() {
        transport.completeInline = true;

        for (int i = 0; i < 3; i++) {
            outbox.offer("m" + i);
        }

        assertThat(transport.started).containsExactly("m0", "m1", "m2");
        assertThat(outbox.queued()).isZero();
    }

    @Test
    void closesAClientWhoseQueueOverflowsAndCountsWhatIsLost() {
        for (int i = 0; i < 4; i++) {
            outbox.offer("m" + i); // m0 in flight, m1..m3 queued
        }

        boolean taken = outbox.offer("m4");

        assertThat(taken).isFalse();
        assertThat(transport.closedWith.getCode()).isEqualTo(Outbox.SLOW_CONSUMER);
        assertThat(transport.closedWith.getReason()).contains("too slow");
        assertThat(stats.slowCloses.sum()).isEqualTo(1);
        assertThat(stats.dropped.sum()).isEqualTo(4);
        assertThat(outbox.offer("m5")).isFalse();
    }

    @Test
    void closesAClientWhoseQueueExceedsTheByteBound() {
        outbox.offer("x".repeat(400)); // in flight: not counted

        outbox.offer("y".repeat(400));
        outbox.offer("z".repeat(200));

        assertThat(transport.closedWith.getCode()).isEqualTo(Outbox.SLOW_CONSUMER);
    }

    @Test
    void takesAMessageLargerThanTheByteBoundWhenNothingIsQueued() {
        outbox.offer("a"); // in flight

        boolean taken = outbox.offer("s".repeat(2_000));
        transport.complete(null);

        assertThat(taken).isTrue();
        assertThat(transport.closedWith).isNull();
        assertThat(transport.started).containsExactly("a", "s".repeat(2_000));
    }

    @Test
    void closesAClientWhoseSendOutlastsTheTimeLimit() {
        outbox.offer("a");
        now.addAndGet(6 * SECOND);
        outbox.heard();

        boolean open = outbox.check(60 * SECOND);

        assertThat(open).isFalse();
        assertThat(transport.closedWith.getCode()).isEqualTo(Outbox.SLOW_CONSUMER);
    }

    @Test
    void pingsAnIdleClientAndClosesOneThatStaysSilent() {
        assertThat(outbox.check(10 * SECOND)).isTrue();
        assertThat(transport.pings).isEqualTo(1);

        now.addAndGet(11 * SECOND);

        assertThat(outbox.check(10 * SECOND)).isFalse();
        assertThat(transport.closedWith.getCode()).isEqualTo(Outbox.NO_HEARTBEAT);
        assertThat(stats.deadPeerCloses.sum()).isEqualTo(1);
    }

    @Test
    void aFailedSendClosesTheClient() {
        outbox.offer("a");
        outbox.offer("b");

        transport.complete(new java.io.IOException("broken pipe"));

        assertThat(transport.closedWith.getCode()).isEqualTo(Outbox.SLOW_CONSUMER);
        assertThat(transport.started).containsExactly("a");
    }

    /** Records what is sent; completes sends when told (or at once). */
    private static final class FakeTransport implements Transport {
        final List<String> started = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        boolean completeInline;
        int pings;
        CloseStatus closedWith;

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            started.add(text);
            if (completeInline) {
                done.accept(null);
            } else {
                pending.add(done);
            }
        }

        void complete(Throwable failure) {
            pending.remove(0).accept(failure);
        }

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void close(CloseStatus status) {
            closedWith = status;
        }
    }
}
