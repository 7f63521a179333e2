package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.AlertAck;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the active alerts read on the live consumer: the transitions of {@code monitor.alerts.v1} from
 * {@code monitor.api.alerts.lookback} ago, and every acknowledgement on the compacted acknowledgements topic, whichever
 * api instance took it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertsSettings.class)
class AlertTopics {

    @Bean
    LiveTopic alertTransitions(AlertsSettings settings, ActiveAlerts alerts, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.ALERTS.name(), LiveTopic.Start.lookback(settings.lookback()),
                record -> decoder.decode(record, AlertEvent.class).ifPresent(alerts::apply));
    }

    @Bean
    LiveTopic alertAcknowledgements(ActiveAlerts alerts, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.ALERT_ACKS.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() != null) {
                decoder.decode(record, AlertAck.class).ifPresent(ack -> alerts.acknowledge(AlertAcknowledged.of(ack)));
            }
        });
    }
}
