package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A probe the collector could not perform ({@code monitoring_failed}) makes the service {@code monitoring_failed}
 * with the collector's error, not {@code down}; it is no vote against another collector's view (unless it is
 * synthetic, as a simulated down is) and no latency observation of the service.
 */
class MonitoringFailedTopologyTest extends TopologyTestSupport {

    private static final String UNKNOWN_HOST = "unknown host no-such-host.invalid";

    @BeforeEach
    void atOneMinute() {
        fixture.wallClockAt(Duration.ofMinutes(1));
    }

    @Test
    void statusIsMonitoringFailedWithTheErrorUntilACheckSucceeds() {
        fixture.pipe(probe("gateway", T0.plusSeconds(1), true, 5.0));
        fixture.pipe(notPerformed("collector-1", T0.plusSeconds(2)));
        fixture.pipe(notPerformed("collector-1", T0.plusSeconds(3)));
        fixture.pipe(probe("gateway", T0.plusSeconds(4), false, null));
        fixture.pipe(probe("gateway", T0.plusSeconds(5), true, 5.0));

        assertThat(fixture.status.readValuesToList())
                .extracting(StatusChange::oldStatus, StatusChange::newStatus, StatusChange::reason)
                .containsExactly(
                        tuple(ServiceStatus.UNKNOWN, ServiceStatus.UP, null),
                        tuple(ServiceStatus.UP, ServiceStatus.MONITORING_FAILED, UNKNOWN_HOST),
                        tuple(ServiceStatus.MONITORING_FAILED, ServiceStatus.DOWN, "timeout"),
                        tuple(ServiceStatus.DOWN, ServiceStatus.UP, null));
    }

    @Test
    void anotherCollectorsViewDecides() {
        fixture.pipe(probe("gateway", T0.plusSeconds(50), true, 5.0));
        fixture.pipe(notPerformed("c2", T0.plusSeconds(51)));
        fixture.pipe(notPerformed("c2", T0.plusSeconds(52)));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP);
    }

    @Test
    void aSyntheticOneOverridesTheCollectorsLikeASimulatedDown() {
        fixture.pipe(probe("gateway", T0.plusSeconds(50), true, 5.0));
        fixture.pipe(notPerformed("monitor-api", T0.plusSeconds(51)).with(Map.of(),
                Map.of(Sample.SYNTHETIC_LABEL, "test-alerts")));
        fixture.pipe(probe("gateway", T0.plusSeconds(55), true, 5.0));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus, StatusChange::reason)
                .containsExactly(tuple(ServiceStatus.UP, null), tuple(ServiceStatus.MONITORING_FAILED, UNKNOWN_HOST));
    }

    @Test
    void isNoLatencyObservationOfTheService() {
        fixture.pipe(probe("gateway", T0.plusSeconds(61), true, 20.0));
        fixture.pipe(notPerformed("collector-1", T0.plusSeconds(62)));

        fixture.wallClockAt(Duration.ofSeconds(130));

        assertThat(fixture.windows("1m")).singleElement()
                .extracting(MetricWindow::metric, MetricWindow::count, MetricWindow::errors)
                .containsExactly("probe_latency_ms", 1L, 0L);
    }

    private static Sample notPerformed(String host, Instant ts) {
        return new Sample(1, SampleKind.PROBE, host, "gateway", ts, false, 3.0, null, UNKNOWN_HOST, Map.of(),
                Map.of(), true);
    }
}
