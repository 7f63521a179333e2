package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the live state reads on the live consumer: the windows of the metrics topic from
 * {@code monitor.api.state.metrics-lookback} ago, the compacted status topic from its beginning (a tombstone forgets
 * a service), the compacted labels topic the processor writes (each service's latest labels) from its beginning, and
 * the dead-letter topic from its beginning for the per-service counts of its category reasons.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StateSettings.class)
class StateTopics {

    private static final Set<String> COUNTED_REASONS = Set.of(Topics.DLQ_IMPLAUSIBLE, Topics.DLQ_LATE);

    @Bean
    LiveTopic metricWindows(StateSettings settings, LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.METRICS.name(), LiveTopic.Start.lookback(settings.metricsLookback()),
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
    LiveTopic serviceLabels(LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.SERVICE_LABELS.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() != null) {
                decoder.decode(record, ServiceLabels.class).ifPresent(labels -> state.applyLabels(labels.service(),
                        labels.labels()));
            }
        });
    }

    /**
     * Dead letters by service (the record key) for the reasons that are categories, {@code implausible} and
     * {@code late}, over what {@code monitor.dlq.v1} holds (it keeps 14 days): every api instance rebuilds the count
     * from the topic, where the processor's own counters reset when it restarts.
     */
    @Bean
    LiveTopic deadLetters(LiveState state) {
        return new LiveTopic(Topics.DLQ.name(), LiveTopic.Start.BEGINNING, record -> {
            Header reason = record.headers().lastHeader(Topics.DLQ_REASON);
            if (record.key() != null && reason != null) {
                String why = new String(reason.value(), StandardCharsets.UTF_8);
                if (COUNTED_REASONS.contains(why)) {
                    state.countDeadLetter(new String(record.key(), StandardCharsets.UTF_8), why);
                }
            }
        });
    }
}
