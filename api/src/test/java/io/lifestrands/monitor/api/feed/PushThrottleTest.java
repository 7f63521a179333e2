package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PushThrottleTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final PushThrottle throttle = new PushThrottle(MIN, now::get);

    @Test
    void aChangeAfterAQuietIntervalIsDueAtOnce() {
        assertThat(throttle.changed()).contains(Duration.ZERO);
        assertThat(throttle.due()).isTrue();
    }

    @Test
    void aChangeSoonAfterAPushWaitsForTheRestOfTheInterval() {
        throttle.pushing();
        advance(Duration.ofMillis(300));

        assertThat(throttle.changed()).contains(Duration.ofMillis(700));
        assertThat(throttle.due()).isFalse();

        advance(Duration.ofMillis(700));
        assertThat(throttle.due()).isTrue();
    }

    @Test
    void furtherChangesBeforeThePushAskForNoFurtherPush() {
        throttle.changed();

        assertThat(throttle.changed()).isEmpty();
        assertThat(throttle.pending()).isTrue();
    }

    @Test
    void aPushCarriesEveryChangeBeforeIt() {
        throttle.changed();

        throttle.pushing();

        assertThat(throttle.pending()).isFalse();
        assertThat(throttle.due()).isFalse();
        advance(MIN.multipliedBy(2));
        assertThat(throttle.due()).isFalse();
    }

    @Test
    void aChangeAfterAPeriodicPushIsTimedFromThatPush() {
        throttle.changed();
        advance(Duration.ofMillis(200));
        throttle.pushing(); // the periodic push took the change
        advance(Duration.ofMillis(100));

        assertThat(throttle.changed()).contains(Duration.ofMillis(900));
    }

    @Test
    void aChangeDeliveredOtherwiseLeavesNothingToPush() {
        throttle.changed();

        throttle.delivered();

        assertThat(throttle.pending()).isFalse();
        assertThat(throttle.changed()).contains(Duration.ZERO);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
