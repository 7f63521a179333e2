package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void catalogHasTheContractTopics() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactlyInAnyOrder(
                "monitor.samples.v1", "monitor.metrics.v1", "monitor.status.v1", "monitor.alerts.v1",
                "monitor.alert-rules.v1", "monitor.alert-acks.v1", "monitor.dlq.v1", "monitor.processor-health.v1",
                "monitor.service-labels.v1", "monitor.anomalies.v1",
                "monitor.silences.v1", "monitor.backtest-requests.v1", "monitor.backtest-results.v1",
                "monitor.maintenance.v1", "monitor.slos.v1", "monitor.slo-status.v1");
    }

    @Test
    void statusAndRulesAreCompactedAndSamplesKeptSevenDays() {
        assertThat(Topics.STATUS.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.ALERT_RULES.configs()).containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms");
        assertThat(Topics.SAMPLES.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "604800000");
    }

    @Test
    void acknowledgementsAreCompactedOnOnePartition() {
        assertThat(Topics.ALERT_ACKS.configs()).containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms");
        assertThat(Topics.ALERT_ACKS.partitions()).isEqualTo(1);
    }

    @Test
    void processorHealthIsCompactedWithHourlySegments() {
        assertThat(Topics.PROCESSOR_HEALTH.partitions()).isEqualTo(1);
        assertThat(Topics.PROCESSOR_HEALTH.configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("segment.ms", "3600000")
                .doesNotContainKey("retention.ms");
        assertThat(Topics.STATUS.configs()).doesNotContainKey("segment.ms");
    }

    @Test
    void serviceLabelsAreCompactedAndPartitionedLikeStatus() {
        assertThat(Topics.SERVICE_LABELS.configs()).containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms")
                .doesNotContainKey("segment.ms");
        assertThat(Topics.SERVICE_LABELS.partitions()).isEqualTo(Topics.STATUS.partitions());
    }

    @Test
    void silencesAreCompactedSoEveryInstanceAndRestartSeesTheLatestOfEach() {
        assertThat(Topics.SILENCES.configs()).containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms");
    }

    @Test
    void anomaliesAreKeptThirtyDaysLikeAlerts() {
        assertThat(Topics.ANOMALIES.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "2592000000");
    }

    @Test
    void metricKeyIsServiceMetricResolution() {
        assertThat(MetricWindow.key("gateway", "latency_ms", "1m")).isEqualTo("gateway/latency_ms/1m");
    }
}
