package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusTopologyTest extends TopologyTestSupport {

    @BeforeEach
    void atOneMinute() {
        // samples more than 5 s ahead of the wall clock are clamped; keep these in the past
        fixture.wallClockAt(Duration.ofMinutes(1));
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

    @Test
    void turnsUnknownAfterThreeIntervalsWithoutAProbe() {
        fixture.pipe(probe("gateway", T0.plusSeconds(59), true, 5.0));

        fixture.wallClockAt(Duration.ofSeconds(60 + 89));
        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP);
        fixture.wallClockAt(Duration.ofSeconds(60 + 90));
        fixture.wallClockAt(Duration.ofMinutes(30));

        assertThat(fixture.status.readValuesToList())
                .extracting(StatusChange::oldStatus, StatusChange::newStatus, StatusChange::reason,
                        StatusChange::ts)
                .containsExactly(tuple(ServiceStatus.UP, ServiceStatus.UNKNOWN, "no probe for 90s",
                        T0.plusSeconds(150)));
    }

    @Test
    void comesBackFromUnknownWithTheNextProbe() {
        fixture.pipe(probe("gateway", T0.plusSeconds(59), false, null));
        fixture.wallClockAt(Duration.ofMinutes(5));

        fixture.pipe(probe("gateway", T0.plusSeconds(299), true, 5.0));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.DOWN, ServiceStatus.UNKNOWN, ServiceStatus.UP);
    }

    @Test
    void downOnlyWhenAMajorityOfCollectorsSeeItDown() {
        for (String host : List.of("c1", "c2", "c3")) {
            fixture.pipe(from(host, probe("gateway", T0.plusSeconds(50), true, 5.0)));
        }

        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(51), false, null)));
        fixture.pipe(from("c2", probe("gateway", T0.plusSeconds(52), false, null)));
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(53), true, 5.0)));
        fixture.pipe(from("c2", probe("gateway", T0.plusSeconds(54), true, 5.0)));

        assertThat(fixture.status.readValuesToList())
                .extracting(StatusChange::newStatus, StatusChange::host, StatusChange::reason)
                .containsExactly(
                        tuple(ServiceStatus.UP, "c1", null),
                        tuple(ServiceStatus.DEGRADED, "c1", "down for 1 of 3 collectors (quorum 2)"),
                        tuple(ServiceStatus.DOWN, "c2", "timeout"),
                        tuple(ServiceStatus.DEGRADED, "c1", "down for 1 of 3 collectors (quorum 2)"),
                        tuple(ServiceStatus.UP, "c2", null));
    }

    @Test
    void onlyCollectorsHeardFromInTheLastIntervalVote() {
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(50), true, 5.0)));
        fixture.pipe(from("c2", probe("gateway", T0.plusSeconds(50), false, null)));
        fixture.wallClockAt(Duration.ofSeconds(60 + 46));

        fixture.pipe(from("c2", probe("gateway", T0.plusSeconds(105), false, null)));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP, ServiceStatus.DEGRADED, ServiceStatus.DOWN);
    }

    @Test
    void configuredQuorumOfOneLetsAnyCollectorDecide() {
        try (TopologyFixture quorumOfOne = new TopologyFixture(TopologyFixture.settings(stateDir.resolve("q1"))
                .withStatus(Duration.ofSeconds(30), 1))) {
            quorumOfOne.pipe(from("c1", probe("gateway", T0.minusSeconds(10), true, 5.0)));
            quorumOfOne.pipe(from("c2", probe("gateway", T0.minusSeconds(10), false, null)));

            assertThat(quorumOfOne.status.readValuesToList()).extracting(StatusChange::newStatus)
                    .containsExactly(ServiceStatus.UP, ServiceStatus.DOWN);
        }
    }

    @Test
    void simulatedDownProbeOverridesTheQuorumWhileItIsCurrent() {
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(50), true, 5.0)));
        fixture.pipe(simulated(probe("gateway", T0.plusSeconds(51), false, null)));
        // the real collector keeps seeing the service up: the simulation still decides
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(55), true, 5.0)));
        fixture.pipe(simulated(probe("gateway", T0.plusSeconds(56), false, null)));
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(58), true, 5.0)));
        // injection over: once its last probe is older than 1.5 intervals (45 s) the collector decides again
        fixture.wallClockAt(Duration.ofSeconds(60 + 46));
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(105), true, 5.0)));

        assertThat(fixture.status.readValuesToList())
                .extracting(StatusChange::newStatus, StatusChange::host, StatusChange::reason)
                .containsExactly(
                        tuple(ServiceStatus.UP, "c1", null),
                        tuple(ServiceStatus.DOWN, "monitor-api", "simulated failure: down"),
                        tuple(ServiceStatus.UP, "c1", null));
    }

    @Test
    void unlabelledProbeFromAnotherHostIsOnlyOneVote() {
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(50), true, 5.0)));
        fixture.pipe(from("monitor-api", probe("gateway", T0.plusSeconds(51), false, null)));
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(55), true, 5.0)));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP, ServiceStatus.DEGRADED);
    }

    @Test
    void simulatedHealthyProbeDoesNotOverrideCollectorsThatSeeItDown() {
        fixture.pipe(from("c1", probe("gateway", T0.plusSeconds(50), false, null)));
        fixture.pipe(simulated(probe("gateway", T0.plusSeconds(51), true, 5_000.0)));

        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.DOWN, ServiceStatus.DEGRADED);
    }

    /** As the api's {@code POST /debug/simulate-failure} injects it. */
    private static Sample simulated(Sample sample) {
        Sample injected = from("monitor-api", sample);
        return new Sample(injected.v(), injected.kind(), injected.host(), injected.service(), injected.ts(),
                injected.up(), injected.latencyMs(), injected.statusCode(), "simulated failure: down",
                injected.metrics(), Map.of(Sample.SYNTHETIC_LABEL, "simulate-failure"));
    }

    private static Sample from(String host, Sample sample) {
        return new Sample(sample.v(), sample.kind(), host, sample.service(), sample.ts(), sample.up(),
                sample.latencyMs(), sample.statusCode(), sample.error(), sample.metrics(), sample.labels());
    }

    private static Sample degraded(String service, Instant ts) {
        return probe(service, ts, true, 40.0).with(Map.of(), Map.of("health", "Warning"));
    }
}
