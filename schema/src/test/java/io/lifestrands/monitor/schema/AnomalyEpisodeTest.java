package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyEpisodeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anOpenEpisodeLeavesTheEndOutAndRoundTrips() {
        AnomalyEpisode open = episode(AnomalyState.OPEN, null);

        String json = Json.write(open);

        assertThat(open.v()).isEqualTo(AnomalyEpisode.VERSION);
        assertThat(json).doesNotContain("\"end\"").contains("\"statistic\":\"p95\"").contains("\"state\":\"open\"");
        assertThat(Json.read(json, AnomalyEpisode.class)).isEqualTo(open);
    }

    @Test
    void keyAndRuleMetricNameTheSeries() {
        AnomalyEpisode throughput = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.RATE_PER_MIN, "1m",
                AnomalyState.OPEN, T0, null, 10, 100, -8, AnomalyDirection.DOWN);

        assertThat(throughput.key()).isEqualTo("gateway|latency_ms|rate_per_min");
        assertThat(throughput.ruleMetric()).isEqualTo("anomaly:latency_ms");
    }

    @Test
    void endIsSetExactlyWhenClosedAndNeverBeforeTheStart() {
        assertThatThrownBy(() -> episode(AnomalyState.CLOSED, null)).hasMessageContaining("end must be set");
        assertThatThrownBy(() -> episode(AnomalyState.OPEN, T0.plusSeconds(60))).hasMessageContaining("end must");
        assertThatThrownBy(() -> episode(AnomalyState.CLOSED, T0.minusSeconds(60)))
                .hasMessageContaining("end must not be before start");
        assertThat(episode(AnomalyState.CLOSED, T0.plusSeconds(300)).end()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void rejectsANonFiniteScoreNamingTheField() {
        assertThatThrownBy(() -> new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.P95, "1m",
                AnomalyState.OPEN, T0, null, 10, 5, Double.NaN, AnomalyDirection.UP))
                .hasMessageContaining("score");
    }

    @Test
    void aConsistencyFindingCarriesKindFindingAndMessageAndRoundTrips() {
        AnomalyEpisode finding = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.ERROR_RATE, "1m",
                AnomalyState.OPEN, T0, null, 0.5, 0.2, 0, AnomalyDirection.UP, AnomalyKind.CONSISTENCY,
                "probe_up_traffic_failing", "probe says up while traffic fails 50 % of 40 requests");

        String json = Json.write(finding);

        assertThat(json).contains("\"kind\":\"consistency\"").contains("\"finding\":\"probe_up_traffic_failing\"");
        assertThat(Json.read(json, AnomalyEpisode.class)).isEqualTo(finding);
        assertThat(finding.consistency()).isTrue();
        assertThat(finding.key()).isEqualTo("gateway|probe_up_traffic_failing");
    }

    @Test
    void anAnomalyEpisodeLeavesKindFindingAndMessageOut() {
        String json = Json.write(episode(AnomalyState.OPEN, null));

        assertThat(json).doesNotContain("\"kind\"").doesNotContain("\"finding\"").doesNotContain("\"message\"");
        assertThat(episode(AnomalyState.OPEN, null).consistency()).isFalse();
    }

    @Test
    void aFindingNeedsKindConsistencyAndAMessage() {
        assertThatThrownBy(() -> new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.ERROR_RATE, "1m",
                AnomalyState.OPEN, T0, null, 0.5, 0.2, 0, AnomalyDirection.UP, null, "quorum_split", "m"))
                .hasMessageContaining("finding");
        assertThatThrownBy(() -> new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.ERROR_RATE, "1m",
                AnomalyState.OPEN, T0, null, 0.5, 0.2, 0, AnomalyDirection.UP, AnomalyKind.CONSISTENCY,
                "quorum_split", null))
                .hasMessageContaining("message");
    }

    private static AnomalyEpisode episode(AnomalyState state, Instant end) {
        return new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.P95, "1m", state, T0, end, 1300, 640,
                10.4, AnomalyDirection.UP);
    }
}
