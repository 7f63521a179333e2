package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Error texts of failed probes: every kind of timeout reads {@code timeout: <detail>}, nothing else does. */
class ProbeErrorsTest {

    @Test
    void everyKindOfTimeoutIsMarkedSoTheProcessorCountsItApart() {
        assertThat(ProbeErrors.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("timeout: connect timed out");
        assertThat(ProbeErrors.describe(new HttpTimeoutException("no complete answer within 500 ms")))
                .isEqualTo("timeout: no complete answer within 500 ms");
        assertThat(ProbeErrors.describe(new CompletionException(new TimeoutException()))).isEqualTo("timeout");
        assertThat(ProbeErrors.describe(new IOException("The connection attempt failed.",
                new SocketTimeoutException("Connect timed out")))).isEqualTo("timeout: Connect timed out");
        assertThat(ProbeErrors.describe(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException(
                "Timed out waiting for a node assignment.")))).isEqualTo("timeout: Timed out waiting for a node "
                + "assignment.");
        assertThat(ProbeErrors.describe(new SQLTimeoutException("statement timeout"))).isEqualTo(
                "timeout: statement timeout");
        assertThat(failed(ProbeErrors.describe(new SocketTimeoutException("Read timed out"))).timedOut()).isTrue();
    }

    @Test
    void otherFailuresAreNoTimeouts() {
        String refused = ProbeErrors.describe(new IOException(new ConnectException("Connection refused")));

        assertThat(refused).isEqualTo("connection refused");
        assertThat(failed(refused).timedOut()).isFalse();
        assertThat(failed(ProbeErrors.describe(new IllegalStateException("boom"))).timedOut()).isFalse();
    }

    private static Sample failed(String error) {
        return Probe.failed("box-1", "gateway", Instant.parse("2026-01-01T00:00:00Z"), 5.0, error, Map.of());
    }
}
