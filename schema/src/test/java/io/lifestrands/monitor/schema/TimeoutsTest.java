package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which samples are timeouts, and the optional timeout count of a window. */
class TimeoutsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFailedSampleWhoseErrorIsTimeoutOrStartsWithTimeoutColonIsATimeout() {
        assertThat(probe(false, "timeout").timedOut()).isTrue();
        assertThat(probe(false, "timeout: connect timed out").timedOut()).isTrue();
    }

    @Test
    void otherErrorsAndSucceededSamplesAreNoTimeouts() {
        assertThat(probe(false, "connection refused").timedOut()).isFalse();
        assertThat(probe(false, "timeouts exceeded").timedOut()).isFalse();
        assertThat(probe(false, "simulated failure: timeout").timedOut()).isFalse();
        assertThat(probe(false, null).timedOut()).isFalse();
        assertThat(probe(true, "timeout").timedOut()).isFalse();
    }

    @Test
    void windowTimeoutsAreOptionalAndAtMostItsErrors() {
        assertThat(window(null).timeouts()).isNull();
        assertThat(Json.write(window(null))).doesNotContain("timeouts");
        assertThat(Json.read(Json.write(window(2L)), MetricWindow.class).timeouts()).isEqualTo(2L);
        assertThatThrownBy(() -> window(4L)).hasMessageContaining("timeouts");
        assertThatThrownBy(() -> window(-1L)).hasMessageContaining("timeouts");
    }

    private static Sample probe(boolean up, String error) {
        return Sample.probe("collector-1", "gateway", T0, up, 5000.0, null, error);
    }

    private static MetricWindow window(Long timeouts) {
        return new MetricWindow(1, "gateway", "latency_ms", "1m", T0, T0.plusSeconds(60), 10, 3, 100, 1, 30, 10,
                9, 29, 30, 10, 0.3, "", 12.0, timeouts);
    }
}
