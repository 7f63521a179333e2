package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.anomaly.AnomalyProcessor;
import io.lifestrands.monitor.processor.anomaly.AnomalySettings;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Anomaly episodes through the production topology: samples in, closed 1m windows to the detector, episodes out on
 * {@code monitor.anomalies.v1} and, through an {@code anomaly:} rule, alerts.
 */
class AnomalyTopologyTest extends TopologyTestSupport {

    private static final String P95_KEY = "gateway|latency_ms|p95";
    /** The detector's warm-up: the first minute after it can open an episode. */
    private static final int WARM_UP = AnomalySettings.DEFAULT_WARM_UP;

    private TestOutputTopic<String, AnomalyEpisode> anomalies;
    private TestOutputTopic<String, AlertEvent> alerts;

    @Override
    ProcessorSettings settings(ProcessorSettings defaults) {
        // only final windows matter here: no live views every second
        return defaults.withLiveInterval(Duration.ofDays(1));
    }

    @BeforeEach
    void topics() {
        anomalies = fixture.driver.createOutputTopic(Topics.ANOMALIES.name(),
                Topics.ANOMALIES.keySerde().deserializer(), Topics.ANOMALIES.valueSerde().deserializer());
        alerts = fixture.driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    @Test
    void slowProbesOpenOnlyTheProbeLatencyP95Episode() {
        minutes(0, WARM_UP, 1, TopologyFixture::probe);
        minutes(WARM_UP, WARM_UP + 3, 2, TopologyFixture::probe);
        closeMinutesBefore(WARM_UP + 3);

        Map<String, AnomalyEpisode> episodes = anomalies.readKeyValuesToMap();
        assertThat(episodes).containsOnlyKeys("gateway|probe_latency_ms|p95");
        assertThat(episodes.get("gateway|probe_latency_ms|p95").state()).isEqualTo(AnomalyState.OPEN);
    }

    @Test
    void aDoubledP95UnderTheFixedThresholdOpensAnEpisodeAtItsThirdMinute() {
        minutes(0, WARM_UP, 1);
        minutes(WARM_UP, WARM_UP + 2, 2);
        closeMinutesBefore(WARM_UP + 2);
        assertThat(anomalies.isEmpty()).as("nothing after two doubled minutes").isTrue();

        minutes(WARM_UP + 2, WARM_UP + 3, 2);
        closeMinutesBefore(WARM_UP + 3);

        Map<String, AnomalyEpisode> episodes = anomalies.readKeyValuesToMap();
        assertThat(episodes).containsOnlyKeys("gateway|latency_ms|p50", P95_KEY, "gateway|latency_ms|p99");
        AnomalyEpisode p95 = episodes.get(P95_KEY);
        assertThat(p95.state()).isEqualTo(AnomalyState.OPEN);
        assertThat(p95.statistic()).isEqualTo(Statistic.P95);
        assertThat(p95.direction()).isEqualTo(AnomalyDirection.UP);
        assertThat(p95.start()).isEqualTo(minute(WARM_UP));
        assertThat(p95.resolution()).isEqualTo("1m");
        assertThat(p95.observed()).isLessThan(2000).isCloseTo(2 * p95.baseline(), within(0.1 * p95.baseline()));
        assertThat(fixture.windows("1m")).filteredOn(w -> w.metric().equals("latency_ms"))
                .extracting(MetricWindow::p95).allSatisfy(value -> assertThat(value).isLessThan(2000));
    }

    @Test
    void anAnomalyRuleFiresWithTheEpisodeAndResolvesWhenItCloses() {
        fixture.driver.createInputTopic(Topics.ALERT_RULES.name(), Topics.ALERT_RULES.keySerde().serializer(),
                Topics.ALERT_RULES.valueSerde().serializer()).pipeInput("latency_anomaly", anomalyRule());
        fixture.wallClockAt(Duration.ofSeconds(2));
        minutes(0, WARM_UP, 1);
        minutes(WARM_UP, WARM_UP + 4, 2);

        minutes(WARM_UP + 4, WARM_UP + 10, 1);
        closeMinutesBefore(WARM_UP + 10);

        List<AlertEvent> events = alerts.readValuesToList();
        assertThat(events).extracting(AlertEvent::rule).containsOnly("latency_anomaly");
        assertThat(events).extracting(AlertEvent::state).containsSubsequence(AlertState.FIRING, AlertState.RESOLVED);
        AlertEvent firing = events.stream().filter(e -> e.state() == AlertState.FIRING).findFirst().orElseThrow();
        assertThat(firing.value()).isGreaterThan(2.0);
        assertThat(anomalies.readValuesToList()).filteredOn(e -> e.key().equals(P95_KEY))
                .extracting(AnomalyEpisode::state).containsExactly(AnomalyState.OPEN, AnomalyState.CLOSED);
    }

    @Test
    void aStoredStateThatCannotBeReadIsDeadLetteredAndItsSeriesStartsOver() {
        minutes(0, WARM_UP, 1);
        closeMinutesBefore(WARM_UP);
        KeyValueStore<String, byte[]> states = fixture.driver.getKeyValueStore(AnomalyProcessor.STORE);
        byte[] p50Before = states.get("gateway|latency_ms|p50");
        states.put(P95_KEY, new byte[] {42, 0, 7});

        minutes(WARM_UP, WARM_UP + 1, 1);
        closeMinutesBefore(WARM_UP + 1);

        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();
        assertThat(dead.key()).asString().isEqualTo(P95_KEY);
        assertThat(dead.value()).containsExactly(42, 0, 7);
        assertThat(header(dead, Topics.DLQ_REASON)).contains("anomaly state");
        assertThat(states.get(P95_KEY)).as("one window into a new history").hasSizeLessThan(100);
        assertThat(states.get("gateway|latency_ms|p50")).hasSizeGreaterThan(p50Before.length - 1);
    }

    @Test
    void aSeriesSilentForLongerThanItsHistoryClosesItsEpisodeAndIsDropped() {
        minutes(0, WARM_UP, 1);
        minutes(WARM_UP, WARM_UP + 3, 2);
        closeMinutesBefore(WARM_UP + 3);
        anomalies.readValuesToList();

        fixture.wallClockAt(Duration.ofMinutes(WARM_UP + 3 + 61));

        assertThat(anomalies.readValuesToList()).extracting(AnomalyEpisode::state)
                .containsOnly(AnomalyState.CLOSED).hasSize(3);
        assertThat(fixture.driver.<String, byte[]>getKeyValueStore(AnomalyProcessor.STORE).approximateNumEntries())
                .isZero();
    }

    private static AlertRule anomalyRule() {
        return new AlertRule(1, "latency_anomaly", Severity.WARNING, "*", "anomaly:latency_ms", Statistic.P95,
                null, Comparison.GT, 0, Duration.ZERO, Duration.ZERO, null, Map.of());
    }

    /**
     * Five requests of {@code gateway} (its traffic) in each minute from {@code from} to {@code to} (excluded), piped at the
     * minute's 59th second: latencies 200-400 ms with a small wobble from minute to minute, times {@code factor}.
     */
    private void minutes(int from, int to, double factor) {
        minutes(from, to, factor, TopologyFixture::request);
    }

    private interface SampleOf {
        Sample sample(String service, Instant ts, boolean up, Double latencyMs);
    }

    private void minutes(int from, int to, double factor, SampleOf traffic) {
        for (int m = from; m < to; m++) {
            fixture.wallClockAt(Duration.ofMinutes(m).plusSeconds(59));
            double wobble = 1 + 0.02 * ((m * 7) % 5 - 2);
            for (int i = 0; i < 5; i++) {
                fixture.pipe(traffic.sample("gateway", minute(m).plusSeconds(10L * i), true,
                        (200.0 + 50 * i) * wobble * factor));
            }
        }
    }

    /** Moves the wall clock past the grace of every minute before {@code minute}, so those windows close. */
    private void closeMinutesBefore(int minute) {
        fixture.wallClockAt(Duration.ofMinutes(minute).plus(TopologyFixture.GRACE).plusSeconds(1));
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }
}
