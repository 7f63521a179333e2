package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusTopologyTest {

    @TempDir
    Path stateDir;
    TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir);
        // samples more than 5 s ahead of the wall clock are clamped; keep these in the past
        fixture.wallClockAt(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void firstStatusComesFromUnknown() {
        fixture.pipe(probe("gateway", T0.plusSeconds(1), true, 5.0));

        TestRecord<String, StatusChange> change = fixture.status.readRecord();

        assertThat(change.key()).isEqualTo("gateway");
        assertThat(change.value().oldStatus()).isEqualTo(ServiceStatus.UNKNOWN);
        assertThat(change.value().newStatus()).isEqualTo(ServiceStatus.UP);
        assertThat(change.value().ts()).isEqualTo(T0.plusSeconds(1));
        assertThat(change.value().host()).isEqualTo("collector-1");
        assertThat(change.value().latencyMs()).isEqualTo(5.0);
        assertThat(change.value().reason()).isNull();
    }

    @Test
    void emitsOnlyWhenTheStatusChanges() {
        fixture.pipe(probe("gateway", T0.plusSeconds(1), true, 5.0));
        fixture.pipe(probe("gateway", T0.plusSeconds(2), true, 6.0));
        fixture.pipe(probe("gateway", T0.plusSeconds(3), false, 5000.0));
        fixture.pipe(probe("gateway", T0.plusSeconds(4), false, 5000.0));
        fixture.pipe(degraded("gateway", T0.plusSeconds(5)));
        fixture.pipe(probe("gateway", T0.plusSeconds(6), true, 5.0));

        assertThat(fixture.status.readValuesToList())
                .extracting(StatusChange::oldStatus, StatusChange::newStatus, StatusChange::reason)
                .containsExactly(
                        tuple(ServiceStatus.UNKNOWN, ServiceStatus.UP, null),
                        tuple(ServiceStatus.UP, ServiceStatus.DOWN, "timeout"),
                        tuple(ServiceStatus.DOWN, ServiceStatus.DEGRADED, "health Warning"),
                        tuple(ServiceStatus.DEGRADED, ServiceStatus.UP, null));
    }

    @Test
    void keepsServicesApart() {
        fixture.pipe(probe("gateway", T0.plusSeconds(1), true, 5.0));
        fixture.pipe(probe("redis", T0.plusSeconds(1), false, null));

        assertThat(fixture.status.readKeyValuesToMap())
                .containsOnlyKeys("gateway", "redis")
                .extractingByKey("redis").extracting(StatusChange::newStatus).isEqualTo(ServiceStatus.DOWN);
    }

    @Test
    void ignoresPushedRequestsAndEvents() {
        fixture.pipe(new Sample(1, SampleKind.REQUEST, "gateway-1", "gateway", T0.plusSeconds(1), false, 30.0, 500,
                "boom", Map.of(), Map.of()));
        fixture.pipe(new Sample(1, SampleKind.EVENT, "gateway-1", "gateway", T0.plusSeconds(1), null, null, null,
                null, Map.of(), Map.of()));

        assertThat(fixture.status.isEmpty()).isTrue();
    }

    @Test
    void olderProbeArrivingLateDoesNotFlipTheStatus() {
        fixture.pipe(probe("gateway", T0.plusSeconds(10), true, 5.0));

        fixture.pipe(probe("gateway", T0.plusSeconds(5), false, null));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP);
    }

    private static Sample degraded(String service, Instant ts) {
        return probe(service, ts, true, 40.0).with(Map.of(), Map.of("health", "Warning"));
    }
}
