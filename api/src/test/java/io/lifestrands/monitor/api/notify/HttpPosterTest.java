package io.lifestrands.monitor.api.notify;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static io.lifestrands.monitor.api.notify.NotifyFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** R11 classification: which answers are retried, after how long, and which fail for good. */
class HttpPosterTest {

    private final HttpPoster poster = new HttpPoster(new UrlGuard(List.of()), Duration.ofSeconds(1),
            Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void successIsSent() {
        assertThat(poster.classify(204, null).kind()).isEqualTo(Outcome.Kind.SENT);
    }

    @Test
    void serverErrorsAreRetriedWithTheBackOff() {
        Outcome outcome = poster.classify(503, null);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(outcome.retryAfter()).isNull();
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfterSecondsOrDate() {
        assertThat(poster.classify(429, "7").retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(poster.classify(429, "Thu, 01 Jan 2026 00:01:30 GMT").retryAfter())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(poster.classify(429, "soon").retryAfter()).isNull();
    }

    @Test
    void clientErrorsAndRedirectsFailWithoutRetry() {
        assertThat(poster.classify(400, null).kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(poster.classify(404, null).kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(poster.classify(302, null).error()).contains("redirect not followed");
    }

    @Test
    void refusedUrlIsNeverContacted() {
        Outcome outcome = poster.post("http://127.0.0.1:1/hook", "{}", java.util.Map.of());

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(outcome.error()).startsWith("refused before connecting");
    }
}
