package io.lifestrands.monitor.processor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartBackoffTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RestartBackoff backoff = RestartBackoff.defaults();

    @Test
    void doublesFromOneSecondUpToThirtySeconds() {
        List<Duration> delays = new ArrayList<>();
        for (int failure = 0; failure < 7; failure++) {
            backoff.started();
            delays.add(backoff.failed(T0.plusSeconds(failure)));
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void aClientThatRanAMinuteStartsTheSequenceAgain() {
        backoff.started();
        backoff.failed(T0);
        backoff.started();
        backoff.failed(T0.plusSeconds(1));
        backoff.started();
        backoff.running(T0.plusSeconds(5));

        Duration delay = backoff.failed(T0.plusSeconds(65));

        assertThat(delay).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShortRunKeepsDoubling() {
        backoff.started();
        backoff.failed(T0);
        backoff.started();
        backoff.running(T0.plusSeconds(5));

        Duration delay = backoff.failed(T0.plusSeconds(64));

        assertThat(delay).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRebalanceDoesNotRestartTheRunningTime() {
        backoff.started();
        backoff.failed(T0);
        backoff.started();
        backoff.running(T0.plusSeconds(5));
        backoff.running(T0.plusSeconds(50));

        Duration delay = backoff.failed(T0.plusSeconds(65));

        assertThat(delay).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFailedStartCountsAsAFailure() {
        backoff.started();
        backoff.running(T0);
        backoff.failed(T0.plusSeconds(61));

        Duration delay = backoff.failed(T0.plusSeconds(62));

        assertThat(delay).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsAZeroFirstDelay() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first PT0S");
    }
}
