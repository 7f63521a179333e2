package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.consistency.ConsistencyChecker;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyKind;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-source consistency findings through the production topology: probes and traffic in, findings with kind
 * {@code consistency} out on {@code monitor.anomalies.v1} beside the anomaly episodes.
 */
class ConsistencyTopologyTest extends TopologyTestSupport {

    private TestOutputTopic<String, AnomalyEpisode> anomalies;

    @Override
    ProcessorSettings settings(ProcessorSettings defaults) {
        // only final windows matter here: no live views every second
        return defaults.withLiveInterval(Duration.ofDays(1));
    }

    @BeforeEach
    void topics() {
        anomalies = fixture.driver.createOutputTopic(Topics.ANOMALIES.name(),
                Topics.ANOMALIES.keySerde().deserializer(), Topics.ANOMALIES.valueSerde().deserializer());
    }

    @Test
    void aProbeThatSaysUpWhileTrafficFailsOpensAFindingThatClosesWhenTrafficRecovers() {
        fixture.pipe(probe("collector-1", "gateway", at(0, 1), true));
        traffic("gateway", 0, 40, 20);
        closeMinutesBefore(1);

        List<AnomalyEpisode> opened = findings();
        traffic("gateway", 1, 40, 0);
        closeMinutesBefore(2);

        assertThat(opened).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(AnomalyKind.CONSISTENCY);
            assertThat(finding.finding()).isEqualTo(ConsistencyChecker.PROBE_UP_TRAFFIC_FAILING);
            assertThat(finding.state()).isEqualTo(AnomalyState.OPEN);
            assertThat(finding.start()).isEqualTo(at(0, 0));
            assertThat(finding.observed()).isGreaterThan(0.2);
            assertThat(finding.baseline()).isEqualTo(0.2);
            assertThat(finding.message()).contains("probes say gateway is up", "traffic failed", "requests");
        });
        assertThat(findings()).singleElement().satisfies(finding -> {
            assertThat(finding.state()).isEqualTo(AnomalyState.CLOSED);
            assertThat(finding.end()).isEqualTo(at(1, 0));
        });
    }

    @Test
    void oneFailedRequestOfTwoIsNoFinding() {
        fixture.pipe(probe("collector-1", "gateway", at(0, 1), true));
        traffic("gateway", 0, 2, 1);

        closeMinutesBefore(1);

        assertThat(findings()).isEmpty();
    }

    @Test
    void collectorsThatSplitForLongerThanOneIntervalOpenAFindingThatClosesWhenTheyAgree() {
        split(0);
        split(20);
        split(40);

        List<AnomalyEpisode> opened = findings();
        probesAt(60, true, true);

        assertThat(opened).singleElement().satisfies(finding -> {
            assertThat(finding.finding()).isEqualTo(ConsistencyChecker.QUORUM_SPLIT);
            assertThat(finding.state()).isEqualTo(AnomalyState.OPEN);
            assertThat(finding.start()).isEqualTo(at(0, 0));
            assertThat(finding.key()).isEqualTo("gateway|quorum_split");
            assertThat(finding.message()).contains("1 of 2 see gateway down", "1 see it up");
        });
        assertThat(findings()).singleElement().extracting(AnomalyEpisode::state).isEqualTo(AnomalyState.CLOSED);
    }

    @Test
    void aSplitShorterThanOneIntervalIsNoFinding() {
        split(0);
        split(20);
        probesAt(40, true, true);

        assertThat(findings()).isEmpty();
    }

    @Test
    void zeroTokensPerSecondWhileGeneratingOpensAFinding() {
        fixture.pipe(model(at(0, 10), 0, 3));
        fixture.pipe(model(at(0, 40), 0, 2));

        closeMinutesBefore(1);

        assertThat(findings()).singleElement().satisfies(finding -> {
            assertThat(finding.finding()).isEqualTo(ConsistencyChecker.TOKENS_ZERO_WHILE_GENERATING);
            assertThat(finding.metric()).isEqualTo("tokens_per_second");
            assertThat(finding.observed()).isZero();
            assertThat(finding.baseline()).isEqualTo(2.5);
            assertThat(finding.message()).contains("0 tokens/s", "2.5 active generations");
        });
    }

    @Test
    void tokensFlowingWhileGeneratingIsNoFinding() {
        fixture.pipe(model(at(0, 10), 31.5, 3));
        fixture.pipe(model(at(0, 40), 0, 0));

        closeMinutesBefore(1);

        assertThat(findings()).isEmpty();
    }

    /** {@code requests} request samples of {@code service} in minute {@code m}, the first {@code failed} failed. */
    private void traffic(String service, int m, int requests, int failed) {
        fixture.wallClockAt(Duration.ofMinutes(m).plusSeconds(59));
        for (int i = 0; i < requests; i++) {
            boolean ok = i >= failed;
            fixture.pipe(new Sample(Sample.VERSION, SampleKind.REQUEST, "gateway-1", service, at(m, 1 + i % 50), ok,
                    30.0, ok ? 200 : 500, ok ? null : "boom", Map.of(), Map.of()));
        }
    }

    /** collector-1 sees gateway down and collector-2 sees it up, {@code second}s after T0. */
    private void split(int second) {
        probesAt(second, false, true);
    }

    private void probesAt(int second, boolean firstUp, boolean secondUp) {
        fixture.wallClockAt(Duration.ofSeconds(second));
        fixture.pipe(probe("collector-1", "gateway", T0.plusSeconds(second), firstUp));
        fixture.pipe(probe("collector-2", "gateway", T0.plusSeconds(second), secondUp));
    }

    private List<AnomalyEpisode> findings() {
        return anomalies.readValuesToList().stream().filter(AnomalyEpisode::consistency).toList();
    }

    private void closeMinutesBefore(int minute) {
        fixture.wallClockAt(Duration.ofMinutes(minute).plus(TopologyFixture.GRACE).plusSeconds(1));
    }

    private static Sample probe(String host, String service, Instant ts, boolean up) {
        return Sample.probe(host, service, ts, up, 40.0, up ? 200 : null, up ? null : "timeout");
    }

    private static Sample model(Instant ts, double tokensPerSecond, double activeRequests) {
        return probe("collector-1", "model_service", ts, true)
                .with(Map.of("tokens_per_second", tokensPerSecond, "active_requests", activeRequests), Map.of());
    }

    private static Instant at(int minute, int second) {
        return T0.plus(Duration.ofMinutes(minute)).plusSeconds(second);
    }
}
