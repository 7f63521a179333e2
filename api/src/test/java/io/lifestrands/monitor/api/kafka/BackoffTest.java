package io.lifestrands.monitor.api.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void doublesPerFailure() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void neverExceedsTheMaximumEvenAfterManyFailures() {
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofSeconds(10));
    }
}
