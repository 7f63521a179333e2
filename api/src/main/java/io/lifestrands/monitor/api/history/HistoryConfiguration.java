package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.anomalies.AnomalyStore;
import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.silences.SilenceBook;
import io.lifestrands.monitor.api.kafka.Consumers;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The history consumer: a member of {@code monitor.api.history.group-id} (the api instances share the partitions)
 * that commits offsets only after the batch is in PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HistorySettings.class)
class HistoryConfiguration {

    private static final List<String> TOPICS = List.of(Topics.METRICS.name(), Topics.STATUS.name(),
            Topics.ALERTS.name(), Topics.ANOMALIES.name());

    @Bean
    TopicConsumer historyConsumer(Consumers consumers, HistorySettings settings, HistoryStore store, AlertStore alerts,
                                  ActiveAlerts activeAlerts, AnomalyStore anomalies, SilenceBook silences,
                                  PipelineStats stats) {
        HistoryHandler handler = new HistoryHandler(store, alerts, activeAlerts, anomalies, silences,
                new RecordDecoder(stats), new HashSet<>(settings.resolutions()));
        return consumers.groupMember("history", settings.groupId(), TOPICS,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), handler);
    }
}
