package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRuleTest {

    private static final Instant TS = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void downWhenNotUpWhateverElseItSays() {
        Sample sample = probe(false, 200, "connection refused").with(Map.of(), Map.of("health", "ok"));

        assertThat(StatusRule.statusOf(sample)).isEqualTo(ServiceStatus.DOWN);
        assertThat(StatusRule.reason(sample, ServiceStatus.DOWN)).isEqualTo("connection refused");
    }

    @Test
    void degradedWhenUpWithClientOrServerErrorCode() {
        assertThat(StatusRule.statusOf(probe(true, 400, null))).isEqualTo(ServiceStatus.DEGRADED);
        assertThat(StatusRule.statusOf(probe(true, 503, null))).isEqualTo(ServiceStatus.DEGRADED);
        assertThat(StatusRule.reason(probe(true, 429, null), ServiceStatus.DEGRADED)).isEqualTo("status code 429");
    }

    @Test
    void degradedWhenHealthLabelSaysDegradedOrWarning() {
        assertThat(StatusRule.statusOf(probe(true, 200, null).with(Map.of(), Map.of("health", "degraded"))))
                .isEqualTo(ServiceStatus.DEGRADED);
        assertThat(StatusRule.statusOf(probe(true, 200, null).with(Map.of(), Map.of("health", "WARNING"))))
                .isEqualTo(ServiceStatus.DEGRADED);
    }

    @Test
    void upOtherwise() {
        assertThat(StatusRule.statusOf(probe(true, 399, null))).isEqualTo(ServiceStatus.UP);
        assertThat(StatusRule.statusOf(probe(true, null, null).with(Map.of(), Map.of("health", "healthy"))))
                .isEqualTo(ServiceStatus.UP);
        assertThat(StatusRule.reason(probe(true, 200, null), ServiceStatus.UP)).isNull();
    }

    @Test
    void monitoringFailedWhenTheCollectorCouldNotCheckWithItsError() {
        Sample sample = new Sample(1, SampleKind.PROBE, "collector-1", "gateway", TS, false, 1.0, null,
                "unknown host no-such-host.invalid", Map.of(), Map.of(), true);
        Sample withoutError = new Sample(1, SampleKind.PROBE, "collector-1", "gateway", TS, false, 1.0, null, null,
                Map.of(), Map.of(), true);

        assertThat(StatusRule.statusOf(sample)).isEqualTo(ServiceStatus.MONITORING_FAILED);
        assertThat(StatusRule.reason(sample, ServiceStatus.MONITORING_FAILED))
                .isEqualTo("unknown host no-such-host.invalid");
        assertThat(StatusRule.reason(withoutError, ServiceStatus.MONITORING_FAILED)).isEqualTo("monitoring failed");
    }

    private static Sample probe(boolean up, Integer statusCode, String error) {
        return Sample.probe("collector-1", "gateway", TS, up, 5.0, statusCode, error);
    }
}
