package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;

/**
 * What the live state reads on the live consumer: the windows of the metrics topic from
 * {@code monitor.api.live-metrics-lookback} ago, the compacted status topic from its beginning (a tombstone forgets
 * a service) and the services' labels.
 */
@Configuration(proxyBeanMethods = false)
class StateTopics {

    @Bean
    LiveTopic metricWindows(ApiSettings settings, LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.METRICS.name(), LiveTopic.Start.lookback(settings.liveMetricsLookback()),
                record -> decoder.decode(record, MetricWindow.class).ifPresent(window -> {
                    stats.metricReceived();
                    state.applyWindow(window);
                }));
    }

    @Bean
    LiveTopic serviceStatuses(LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.STATUS.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() == null) {
                if (record.key() != null) {
                    state.removeStatus(new String(record.key(), StandardCharsets.UTF_8));
                }
                return;
            }
            decoder.decode(record, StatusChange.class).ifPresent(change -> {
                stats.statusReceived();
                state.applyStatus(change);
            });
        });
    }

    @Bean
    LiveTopic sampleLabels(LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.SAMPLES.name(), LiveTopic.Start.END, (ConsumerRecord<byte[], byte[]> record) -> {
            if (hasLabels(record.value())) {
                decoder.decode(record, Sample.class).ifPresent(sample -> state.applyLabels(sample.service(),
                        sample.labels()));
            }
        });
    }

    private static final byte[] LABELS = "\"labels\":{\"".getBytes(StandardCharsets.UTF_8);

    private static boolean hasLabels(byte[] value) {
        if (value == null) {
            return false;
        }
        outer:
        for (int i = 0; i <= value.length - LABELS.length; i++) {
            for (int j = 0; j < LABELS.length; j++) {
                if (value[i + j] != LABELS[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
